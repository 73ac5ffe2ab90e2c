package io.rigshift.datasets.shapes;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Words a description as a caption, choosing among templates, synonyms and word orders: "a small ball on the left",
 * "a sphere that is small", "a flat box with a cone on top". Every caption states every non-default attribute, so
 * the caption alone determines the description.
 */
final class CaptionWriter {

    /** Chance of naming a default attribute value (medium, solid) or the centre position anyway. */
    private static final double NAME_DEFAULT_CHANCE = 0.4;

    private final SplittableRandom random;

    CaptionWriter(SplittableRandom random) {
        this.random = random;
    }

    String write(ShapeDescription description) {
        return description.isComposite() ? composite(description) : single(description);
    }

    private String single(ShapeDescription description) {
        PartDescription part = description.parts().get(0);
        List<String> adjectives = adjectives(part);
        String noun = noun(part);
        String place = place(description.position());
        String suffix = place.isEmpty() ? "" : " " + place;
        return switch (random.nextInt(5)) {
            case 0 -> withArticle(join(adjectives, noun)) + suffix;
            case 1 -> adjectives.isEmpty()
                    ? withArticle(noun) + suffix
                    : withArticle(noun) + " that is " + String.join(" and ", adjectives) + suffix;
            case 2 -> join(adjectives, noun) + suffix;
            case 3 -> "there is " + withArticle(join(adjectives, noun)) + suffix;
            default -> place.isEmpty()
                    ? withArticle(join(adjectives, noun))
                    : place + " sits " + withArticle(join(adjectives, noun));
        };
    }

    private String composite(ShapeDescription description) {
        String first = withArticle(join(adjectives(description.parts().get(0)), noun(description.parts().get(0))));
        String second = withArticle(join(adjectives(description.parts().get(1)), noun(description.parts().get(1))));
        Relation relation = description.relation().orElseThrow();
        if (random.nextBoolean()) {
            return first + " " + pick(relation.phrases()) + " " + second;
        }
        return switch (relation) {
            case ON_TOP_OF -> second + " with " + first + " on top";
            case UNDER -> second + " with " + first + " underneath";
            case BESIDE -> second + " to the right of " + first;
        };
    }

    private List<String> adjectives(PartDescription part) {
        List<String> words = new ArrayList<>();
        for (Attribute attribute : part.attributes()) {
            if (!attribute.synonyms().isEmpty() && (!attribute.isDefault() || random.nextDouble() < NAME_DEFAULT_CHANCE)) {
                words.add(pick(attribute.synonyms()));
            }
        }
        return words;
    }

    /** "Cube" only fits a box of regular proportions. */
    private String noun(PartDescription part) {
        List<String> nouns = part.primitive().nouns();
        if (part.primitive() == Primitive.BOX && part.proportion() != Proportion.REGULAR) {
            nouns = nouns.stream().filter(noun -> !noun.equals("cube")).toList();
        }
        return pick(nouns);
    }

    private String place(Position position) {
        if (position == Position.CENTRE && random.nextDouble() >= NAME_DEFAULT_CHANCE) {
            return "";
        }
        return pick(position.phrases());
    }

    private static String join(List<String> adjectives, String noun) {
        return adjectives.isEmpty() ? noun : String.join(" ", adjectives) + " " + noun;
    }

    private static String withArticle(String phrase) {
        return ("aeiou".indexOf(phrase.charAt(0)) >= 0 ? "an " : "a ") + phrase;
    }

    private String pick(List<String> values) {
        return values.get(random.nextInt(values.size()));
    }
}
