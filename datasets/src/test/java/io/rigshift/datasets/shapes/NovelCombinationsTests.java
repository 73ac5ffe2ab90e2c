package io.rigshift.datasets.shapes;

import io.rigshift.datasets.text.Tokenizer;
import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class NovelCombinationsTests {

    private final ProceduralShapes generator = new ProceduralShapes();

    @Test
    void noHeldOutCombinationOccursInTrainingOrValidation() {
        for (Split split : List.of(Split.TRAIN, Split.VALIDATION)) {
            for (CaptionedShape shape : generator.generate(split, 3000, 21)) {
                for (PartDescription part : shape.description().parts()) {
                    for (AttributeCombination combination : NovelCombinations.ATTRIBUTES) {
                        assertTrue(!combination.matches(part), combination + " leaked into " + split + ": "
                                + shape.caption());
                    }
                }
                if (shape.isComposite()) {
                    PrimitivePair pair = new PrimitivePair(shape.primitives().get(0), shape.primitives().get(1));
                    assertTrue(!NovelCombinations.PAIRS.contains(pair), pair + " leaked into " + split + ": "
                            + shape.caption());
                }
            }
        }
    }

    @Test
    void everyNovelSampleIsNovelAndEveryHeldOutCombinationIsCovered() {
        Set<Object> seen = new HashSet<>();
        for (CaptionedShape shape : generator.generate(Split.NOVEL, 300, 21)) {
            assertTrue(NovelCombinations.isNovel(shape.description()), shape.caption());
            shape.description().parts().forEach(part -> NovelCombinations.ATTRIBUTES.stream()
                    .filter(combination -> combination.matches(part)).forEach(seen::add));
            if (shape.isComposite()) {
                seen.add(new PrimitivePair(shape.primitives().get(0), shape.primitives().get(1)));
            }
        }

        assertEquals(NovelCombinations.ATTRIBUTES.size() + NovelCombinations.PAIRS.size(), seen.size(), seen.toString());
    }

    /** The text the model reads, checked with word lists of the test's own, not the generator's rule. */
    @Test
    void noTrainingOrValidationCaptionStatesAHeldOutPairing() {
        for (Split split : List.of(Split.TRAIN, Split.VALIDATION)) {
            for (CaptionedShape shape : generator.generate(split, 3000, 21)) {
                CaptionParts parts = CaptionParts.read(shape.caption());
                assertEquals(List.of(), parts.heldOut(), split + " caption '" + shape.caption() + "' states "
                        + parts.heldOut());
            }
        }
    }

    @Test
    void everyNovelCaptionStatesAHeldOutPairingAndTogetherTheyStateAll() {
        Set<String> stated = new HashSet<>();
        for (CaptionedShape shape : generator.generate(Split.NOVEL, 300, 21)) {
            List<String> heldOut = CaptionParts.read(shape.caption()).heldOut();
            assertFalse(heldOut.isEmpty(), "novel caption '" + shape.caption() + "' states no held-out pairing");
            stated.addAll(heldOut);
        }

        assertEquals(CaptionParts.HELD_OUT_ATTRIBUTES.size() + CaptionParts.HELD_OUT_PAIRS.size(), stated.size(),
                stated.toString());
    }

    @Test
    void captionReaderFindsHeldOutPairingsInEveryCaptionForm() {
        assertEquals(List.of("tall cone"), CaptionParts.read("there is a tall cone at the back").heldOut());
        assertEquals(List.of("hollow sphere"), CaptionParts.read("an orb that is small and hollow").heldOut());
        assertEquals(List.of("large torus"), CaptionParts.read("in the middle sits a huge donut").heldOut());
        assertEquals(List.of("cone+cylinder"), CaptionParts.read("a tube with a small cone on top").heldOut());
        assertEquals(List.of("flat pyramid", "capsule+pyramid"),
                CaptionParts.read("a squat pyramid to the right of a pill").heldOut());
        assertEquals(List.of(), CaptionParts.read("a tall box beside a cone").heldOut(), "tall qualifies the box");
        assertEquals(List.of(), CaptionParts.read("a medium-sized ball on a ball").heldOut());
    }

    @Test
    void everyWordOfNovelCaptionsOccursInTrainingCaptions() {
        Set<String> trainingWords = new HashSet<>();
        generator.generate(Split.TRAIN, 3000, 21).forEach(shape -> trainingWords.addAll(Tokenizer.tokenize(shape.caption())));

        for (CaptionedShape shape : generator.generate(Split.NOVEL, 500, 21)) {
            for (String word : Tokenizer.tokenize(shape.caption())) {
                assertTrue(trainingWords.contains(word), "'" + word + "' of '" + shape.caption() + "' never trained");
            }
        }
    }

    @Test
    void heldOutPairsMatchInEitherOrder() {
        assertEquals(new PrimitivePair(Primitive.CYLINDER, Primitive.CONE),
                new PrimitivePair(Primitive.CONE, Primitive.CYLINDER));
        PartDescription cone = new PartDescription(Primitive.CONE, Size.SMALL, Proportion.REGULAR, Fill.SOLID);
        PartDescription cylinder = new PartDescription(Primitive.CYLINDER, Size.SMALL, Proportion.REGULAR, Fill.SOLID);

        assertTrue(NovelCombinations.isNovel(ShapeDescription.composite(cylinder, Relation.UNDER, cone)));
        assertTrue(NovelCombinations.isNovel(ShapeDescription.composite(cone, Relation.ON_TOP_OF, cylinder)));
    }
}
