package io.rigshift.datasets.shapes;

import java.util.List;
import java.util.SplittableRandom;

/**
 * Draws shape descriptions for a split: training and validation avoid every held-out combination, the novel split
 * contains exactly one held-out attribute combination or primitive pair per sample.
 */
final class DescriptionSampler {

    /** Chance that a part of a kind that can be hollow is drawn hollow. */
    private static final double HOLLOW_CHANCE = 0.3;

    private static final Primitive[] PRIMITIVES = Primitive.values();
    private static final Size[] PART_SIZES = {Size.SMALL, Size.MEDIUM};

    ShapeDescription sample(Split split, boolean composite, SplittableRandom random) {
        if (split == Split.NOVEL) {
            return composite ? novelComposite(random) : novelSingle(random);
        }
        ShapeDescription description;
        do {
            description = composite ? anyComposite(random) : anySingle(random);
        } while (NovelCombinations.isNovel(description));
        return description;
    }

    private ShapeDescription anySingle(SplittableRandom random) {
        return single(pick(PRIMITIVES, random), random);
    }

    private ShapeDescription single(Primitive primitive, SplittableRandom random) {
        Size size = pick(Size.values(), random);
        PartDescription part = new PartDescription(primitive, size, proportion(primitive, random),
                fill(primitive, random));
        // A large shape fills most of the cube: there is no room to push it towards a face.
        Position position = size == Size.LARGE ? Position.CENTRE : pick(Position.values(), random);
        return ShapeDescription.single(part, position);
    }

    private ShapeDescription anyComposite(SplittableRandom random) {
        return composite(pick(PRIMITIVES, random), pick(PRIMITIVES, random), random);
    }

    /** Composition parts are small or medium and solid, so that two fit the cube side by side or stacked. */
    private ShapeDescription composite(Primitive first, Primitive second, SplittableRandom random) {
        PartDescription firstPart;
        PartDescription secondPart;
        do {
            firstPart = new PartDescription(first, pick(PART_SIZES, random), proportion(first, random), Fill.SOLID);
            secondPart = new PartDescription(second, pick(PART_SIZES, random), proportion(second, random), Fill.SOLID);
        } while (NovelCombinations.isHeldOut(firstPart) || NovelCombinations.isHeldOut(secondPart));
        return ShapeDescription.composite(firstPart, pick(Relation.values(), random), secondPart);
    }

    private ShapeDescription novelSingle(SplittableRandom random) {
        AttributeCombination combination = pick(NovelCombinations.ATTRIBUTES, random);
        ShapeDescription description;
        do {
            description = single(combination.primitive(), random);
        } while (!combination.matches(description.parts().get(0)));
        return description;
    }

    private ShapeDescription novelComposite(SplittableRandom random) {
        PrimitivePair pair = pick(NovelCombinations.PAIRS, random);
        boolean swap = random.nextBoolean();
        return composite(swap ? pair.second() : pair.first(), swap ? pair.first() : pair.second(), random);
    }

    private static Proportion proportion(Primitive primitive, SplittableRandom random) {
        return pick(primitive.proportions(), random);
    }

    private static Fill fill(Primitive primitive, SplittableRandom random) {
        return primitive.canBeHollow() && random.nextDouble() < HOLLOW_CHANCE ? Fill.HOLLOW : Fill.SOLID;
    }

    private static <T> T pick(T[] values, SplittableRandom random) {
        return values[random.nextInt(values.length)];
    }

    private static <T> T pick(List<T> values, SplittableRandom random) {
        return values.get(random.nextInt(values.size()));
    }
}
