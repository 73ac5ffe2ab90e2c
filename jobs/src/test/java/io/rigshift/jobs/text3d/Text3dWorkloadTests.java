package io.rigshift.jobs.text3d;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rigshift.datasets.occupancy.CaptionedSample;
import io.rigshift.datasets.shapes.CaptionedShape;
import io.rigshift.datasets.shapes.NovelCombinations;
import io.rigshift.datasets.shapes.ProceduralShapes;
import io.rigshift.datasets.shapes.Split;
import io.rigshift.datasets.text.Vocabulary;
import java.util.List;
import org.junit.jupiter.api.Test;

class Text3dWorkloadTests {

    private static final long SEED = 17;
    private static final Text3dSettings SETTINGS = Text3dSettings.smoke(SEED, 1, null, 40);

    private final Text3dWorkload workload = Text3dWorkload.procedural(SETTINGS);

    private static List<String> captions(List<? extends CaptionedSample> samples) {
        return samples.stream().map(CaptionedSample::caption).toList();
    }

    private static List<String> generated(Split split, int count) {
        return captions(new ProceduralShapes().generate(split, count, SEED));
    }

    @Test
    void eachSetIsTheProceduralSplitOfItsNameAndSize() {
        assertEquals(generated(Split.TRAIN, SETTINGS.trainShapes()), captions(workload.train()), "train");
        assertEquals(generated(Split.VALIDATION, SETTINGS.validationShapes()), captions(workload.validation()),
                "validation");
        assertEquals(generated(Split.NOVEL, SETTINGS.novelShapes()), captions(workload.novel()), "novel");
    }

    @Test
    void onlyTheNovelSetHoldsHeldOutCombinations() {
        assertTrue(workload.novel().stream().allMatch(Text3dWorkloadTests::isNovel), "every novel shape is novel");
        assertFalse(workload.train().stream().anyMatch(Text3dWorkloadTests::isNovel), "no training shape is novel");
        assertFalse(workload.validation().stream().anyMatch(Text3dWorkloadTests::isNovel),
                "no validation shape is novel");
    }

    @Test
    void vocabularyIsBuiltFromTheTrainingCaptionsOnly() {
        assertEquals(Vocabulary.withWordPairs(captions(workload.train())).tokens(), workload.vocabulary().tokens());
    }

    private static boolean isNovel(CaptionedSample sample) {
        return NovelCombinations.isNovel(((CaptionedShape) sample).description());
    }
}
