package io.rigshift.jobs.training;

import static io.rigshift.jobs.training.AdamByHand.floats;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.List;
import java.util.function.LongToDoubleFunction;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class StatefulAdamTests {

    private static final float TOLERANCE = 1e-6f;
    /** A learning rate that grows with the update number, so a wrong number shows. */
    private static final LongToDoubleFunction RATE = update -> 0.01 * update;
    private static final float BETA1 = 0.8f;
    private static final float BETA2 = 0.9f;
    /** Large enough against the gradients that the step depends on the gradient's size, not only its sign. */
    private static final float EPSILON = 0.1f;

    private static final float[] WEIGHT = {0.5f, -1f, 2f};
    private static final double[] FIRST = {0.3, -0.2, 0.05};
    private static final double[] SECOND = {-0.1, 0.4, 0.2};

    private final NDManager manager = NDManager.newBaseManager(Device.cpu());

    @AfterEach
    void close() {
        manager.close();
    }

    private StatefulAdam adam(float weightDecay, boolean decoupled) {
        return new StatefulAdam(RATE, BETA1, BETA2, EPSILON, weightDecay, decoupled, manager.newSubManager());
    }

    private AdamByHand byHand(float weightDecay, boolean decoupled) {
        return new AdamByHand(WEIGHT, BETA1, BETA2, EPSILON, weightDecay, decoupled);
    }

    private NDArray gradient(double[] values) {
        return manager.create(floats(values));
    }

    @Test
    void firstTwoUpdatesMatchAdamWithBiasCorrectionByHand() {
        assertMatchesByHand(0f, false, 1f, 1, FIRST, SECOND);
    }

    @Test
    void updateNumberSetsLearningRateAndBiasCorrection() {
        assertMatchesByHand(0f, false, 1f, 5, FIRST);
    }

    @Test
    void gradientIsRescaledBeforeTheUpdate() {
        assertMatchesByHand(0f, false, 0.25f, 1, FIRST, SECOND);
    }

    /** Coupled (L2) decay adds to the gradient; decoupled (AdamW) decay shrinks the weight by the learning rate. */
    @ParameterizedTest(name = "decoupled {0}")
    @ValueSource(booleans = {false, true})
    void weightDecayMatchesAdamByHand(boolean decoupled) {
        assertMatchesByHand(0.5f, decoupled, 1f, 1, FIRST, SECOND);
    }

    /**
     * Applies the gradients as updates {@code firstUpdate}, {@code firstUpdate + 1}, ... to one weight and checks the
     * weight and the moments against Adam by hand after each.
     */
    private void assertMatchesByHand(float weightDecay, boolean decoupled, float rescale, long firstUpdate,
            double[]... gradients) {
        StatefulAdam adam = adam(weightDecay, decoupled);
        AdamByHand expected = byHand(weightDecay, decoupled);
        NDArray weight = manager.create(WEIGHT);
        for (int i = 0; i < gradients.length; i++) {
            long update = firstUpdate + i;
            adam.update("w", weight, gradient(gradients[i]), update, rescale);
            expected.step(gradients[i], rescale, RATE.applyAsDouble(update), update);
            assertArrayEquals(floats(expected.weight), weight.toFloatArray(), TOLERANCE, "weight after update " + update);
            assertMoments(expected, adam.exportState(manager), 0);
        }
    }

    @Test
    void eachWeightKeepsItsOwnMomentsAndExportsThemInNameOrder() {
        StatefulAdam adam = adam(0f, false);
        AdamByHand zebra = byHand(0f, false);
        AdamByHand alpha = byHand(0f, false);
        NDArray zebraWeight = manager.create(WEIGHT);
        NDArray alphaWeight = manager.create(WEIGHT);

        adam.update("zebra", zebraWeight, gradient(FIRST), 1, 1f);
        adam.update("alpha", alphaWeight, gradient(SECOND), 1, 1f);

        zebra.step(FIRST, 1, RATE.applyAsDouble(1), 1);
        alpha.step(SECOND, 1, RATE.applyAsDouble(1), 1);
        assertArrayEquals(floats(zebra.weight), zebraWeight.toFloatArray(), TOLERANCE);
        assertArrayEquals(floats(alpha.weight), alphaWeight.toFloatArray(), TOLERANCE);
        assertEquals(List.of("alpha", "zebra"), adam.stateNames());
        try (NDManager target = manager.newSubManager()) {
            NDList state = adam.exportState(target);
            assertEquals(List.of("alpha", "alpha", "zebra", "zebra"),
                    state.stream().map(NDArray::getName).toList());
            state.forEach(moment -> assertSame(target, moment.getManager(), "exported copies belong to the target"));
            assertMoments(alpha, state, 0);
            assertMoments(zebra, state, 1);
        }
    }

    @Test
    void importedStateContinuesExactlyLikeTheOptimizerItCameFrom() {
        StatefulAdam original = adam(0f, false);
        NDArray weight = manager.create(WEIGHT);
        original.update("w", weight, gradient(FIRST), 1, 1f);
        NDArray resumedWeight = weight.duplicate();

        StatefulAdam resumed = adam(0f, false);
        try (NDManager checkpoint = manager.newSubManager()) {
            // Decoded, as a resumed run reads it: the arrays alias a buffer that is gone once they close.
            NDList saved = NDList.decode(checkpoint, original.exportState(checkpoint).encode());
            resumed.importState(original.stateNames(), saved, List.of(Device.cpu()));
        }
        original.update("w", weight, gradient(SECOND), 2, 1f);
        resumed.update("w", resumedWeight, gradient(SECOND), 2, 1f);

        assertArrayEquals(weight.toFloatArray(), resumedWeight.toFloatArray(), 0f);
        assertEquals(List.of("w"), resumed.stateNames());
    }

    @Test
    void importRefusesStateThatDoesNotHoldTwoMomentsPerWeight() {
        StatefulAdam adam = adam(0f, false);
        NDList three = new NDList(manager.zeros(new Shape(3)), manager.zeros(new Shape(3)), manager.zeros(new Shape(3)));

        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
                () -> adam.importState(List.of("a", "b"), three, List.of(Device.cpu())));
        assertEquals("optimizer state holds 3 arrays for 2 weights", refused.getMessage());
    }

    /** The exported mean and variance of the {@code index}-th weight (in name order) equal the hand's. */
    private static void assertMoments(AdamByHand expected, NDList state, int index) {
        assertArrayEquals(floats(expected.mean), state.get(2 * index).toFloatArray(), TOLERANCE, "mean");
        assertArrayEquals(floats(expected.variance), state.get(2 * index + 1).toFloatArray(), TOLERANCE, "variance");
    }
}
