package io.rigshift.jobs.text3d;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rigshift.jobs.text3d.StepFlops.Pass;
import org.junit.jupiter.api.Test;

class StepFlopsTests {

    /**
     * Bag of words only: vocabulary 5, embedding 4, text 6, 2 octaves (15 point features), hidden 8,
     * 2 layers; 2 shapes x 3 points. Forward, by hand, as 2 * rows * in * out per linear layer.
     */
    private static final NetworkShape TINY = new NetworkShape(5, 4, 6, 2, 8, 2);

    @Test
    void forwardCountsEveryLinearLayerOfTheShape() {
        StepFlops flops = StepFlops.of(TINY, 2, 3);
        long text = 2 * 2 * 5 * 4 + 2 * 2 * 4 * 6;
        long conditions = 2 * 2 * 6 * 8 + 2 * 2 * 6 * 16;
        long decoder = 2 * 6 * 15 * 8 + 2 * 6 * 8 * 8 + 2 * 6 * 8 * 1;
        assertEquals(text + conditions + decoder, flops.of(Pass.FORWARD));
    }

    @Test
    void backwardSkipsOnlyTheInputGradientsOfTheBatchsOwnInputs() {
        StepFlops flops = StepFlops.of(TINY, 2, 3);
        assertEquals(flops.of(Pass.FORWARD), flops.of(Pass.WEIGHT_GRADIENT));
        long inputs = 2 * 2 * 5 * 4 + 2 * 6 * 15 * 8;
        assertEquals(flops.of(Pass.FORWARD) - inputs, flops.of(Pass.INPUT_GRADIENT));
        assertEquals(3 * flops.of(Pass.FORWARD) - inputs, flops.total());
    }

    @Test
    void recurrentEncoderCountsItsHiddenProductOncePerSlot() {
        NetworkShape withGru = new NetworkShape(5, 4, 6, 2, 8, 2, 7, 3);
        long extra = StepFlops.of(withGru, 2, 3).of(Pass.FORWARD) - StepFlops.of(TINY, 2, 3).of(Pass.FORWARD);
        long input = 2 * (2 * 7) * 4 * 9;
        long hidden = 7 * 2 * 2 * 3 * 9;
        long sequence = 2 * 2 * 3 * 6;
        assertEquals(input + hidden + sequence, extra, "token lookups are no products");
    }

    @Test
    void hiddenLayersDominateTheStandardStep() {
        StepFlops flops = StepFlops.of(new NetworkShape(670, 64, 128, 6, 256, 3, 16, 64), 64, 128);
        long hidden = 2 * 3 * 2L * 8192 * 256 * 256;
        assertTrue(hidden > 0.85 * flops.total(), hidden + " of " + flops.total());
    }
}
