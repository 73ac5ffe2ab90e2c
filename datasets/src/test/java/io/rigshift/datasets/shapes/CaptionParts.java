package io.rigshift.datasets.shapes;

import io.rigshift.datasets.text.Tokenizer;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads a caption as the model sees it, its words, back into parts (a primitive and the adjectives that qualify it),
 * with word lists of its own: it knows nothing of the generator's enums or its rule of held-out combinations, so it
 * checks the text that training reads. Adjectives stand right before their noun ("a tall cone") or after
 * "that is", joined by "and" ("a cone that is tall and small").
 */
record CaptionParts(String caption, List<Part> parts) {

    /** A noun read as its primitive, with the adjectives that qualify it. */
    record Part(String primitive, Set<String> adjectives) {
    }

    private static final Map<String, String> NOUNS = Map.ofEntries(
            Map.entry("sphere", "sphere"), Map.entry("ball", "sphere"), Map.entry("orb", "sphere"),
            Map.entry("box", "box"), Map.entry("block", "box"), Map.entry("cube", "box"),
            Map.entry("cylinder", "cylinder"), Map.entry("tube", "cylinder"),
            Map.entry("cone", "cone"),
            Map.entry("torus", "torus"), Map.entry("ring", "torus"), Map.entry("donut", "torus"),
            Map.entry("pyramid", "pyramid"),
            Map.entry("capsule", "capsule"), Map.entry("pill", "capsule"));

    private static final Set<String> ADJECTIVES = Set.of("small", "little", "tiny", "medium", "medium-sized", "large", "big",
            "huge", "tall", "flat", "squat", "wide", "broad", "solid", "hollow");

    /** Held-out attribute words (the first one names them all) by the primitive they never qualify in training. */
    static final Map<String, List<String>> HELD_OUT_ATTRIBUTES = Map.of(
            "cone", List.of("tall"),
            "sphere", List.of("hollow"),
            "capsule", List.of("wide", "broad"),
            "pyramid", List.of("flat", "squat"),
            "torus", List.of("large", "big", "huge"));

    /** Primitives that are never composed together in training, in either order. */
    static final Set<Set<String>> HELD_OUT_PAIRS = Set.of(
            Set.of("cone", "cylinder"), Set.of("sphere", "torus"), Set.of("pyramid", "capsule"));

    /**
     * The parts of a caption.
     *
     * @throws IllegalArgumentException when it names no primitive, more than two, or has an adjective that
     *                                  qualifies no noun (a caption form this reader does not know)
     */
    static CaptionParts read(String caption) {
        List<String> words = new ArrayList<>();
        for (String word : Tokenizer.tokenize(caption)) {
            // The tokenizer splits "medium-sized"; it is one adjective.
            if (word.equals("sized") && !words.isEmpty() && words.get(words.size() - 1).equals("medium")) {
                words.set(words.size() - 1, "medium-sized");
            } else {
                words.add(word);
            }
        }
        List<Part> parts = new ArrayList<>();
        int attached = 0;
        for (int i = 0; i < words.size(); i++) {
            String primitive = NOUNS.get(words.get(i));
            if (primitive == null) {
                continue;
            }
            Set<String> adjectives = new HashSet<>();
            for (int before = i - 1; before >= 0 && ADJECTIVES.contains(words.get(before)); before--) {
                adjectives.add(words.get(before));
                attached++;
            }
            if (i + 2 < words.size() && words.get(i + 1).equals("that") && words.get(i + 2).equals("is")) {
                for (int after = i + 3; after < words.size(); after += 2) {
                    if (!ADJECTIVES.contains(words.get(after))) {
                        break;
                    }
                    adjectives.add(words.get(after));
                    attached++;
                    if (after + 1 >= words.size() || !words.get(after + 1).equals("and")) {
                        break;
                    }
                }
            }
            parts.add(new Part(primitive, adjectives));
        }
        long adjectives = words.stream().filter(ADJECTIVES::contains).count();
        if (parts.isEmpty() || parts.size() > 2 || adjectives != attached) {
            throw new IllegalArgumentException("cannot read '" + caption + "': " + parts + ", " + adjectives
                    + " adjectives, " + attached + " attached to a noun");
        }
        return new CaptionParts(caption, List.copyOf(parts));
    }

    /**
     * The held-out pairings the caption states, such as "tall cone" (named by the first word of its synonyms) or
     * "cone+cylinder" (in alphabetical order); empty when none.
     */
    List<String> heldOut() {
        List<String> found = new ArrayList<>();
        for (Part part : parts) {
            List<String> words = HELD_OUT_ATTRIBUTES.getOrDefault(part.primitive(), List.of());
            if (words.stream().anyMatch(part.adjectives()::contains)) {
                found.add(words.get(0) + " " + part.primitive());
            }
        }
        if (parts.size() == 2) {
            List<String> pair = parts.stream().map(Part::primitive).sorted().toList();
            if (HELD_OUT_PAIRS.contains(new HashSet<>(pair))) {
                found.add(String.join("+", pair));
            }
        }
        return found;
    }
}
