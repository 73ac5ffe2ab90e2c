package io.rigshift.jobs.training;

import static io.rigshift.jobs.training.AdamByHand.floats;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.training.GradientCollector;
import java.util.Map;
import java.util.function.LongToDoubleFunction;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The data-parallel update: every replica's weights must take one step with the mean of all gradients. With
 * {@code beta1 = beta2 = 0} Adam keeps no memory between updates and its first moment is the very gradient it was
 * given, so the exported mean shows the averaged gradient and the step {@code lr * g / (|g| + eps)} grows with it.
 * Several copies here all live on the CPU, standing in for the replicas of several devices.
 */
class ReplicaParameterServerTests {

    private static final String ID = "0d3f-parameter-id";
    private static final String NAME = "layer.weight";
    private static final LongToDoubleFunction RATE = update -> 0.01 * update;
    private static final float EPSILON = 0.5f;
    private static final float[] WEIGHT = {0.5f, -1f, 2f};
    private static final double[][] GRADIENTS = {{0.3, -0.2, 0.05}, {0.9, 0.4, -0.25}, {-0.6, 0.1, 0.8}};

    private final NDManager manager = NDManager.newBaseManager(Device.cpu());
    private final StatefulAdam adam = new StatefulAdam(RATE, 0f, 0f, EPSILON, 0f, false, manager.newSubManager());
    private final ReplicaParameterServer server = new ReplicaParameterServer(adam, Map.of(ID, NAME));

    @AfterEach
    void close() {
        server.close();
        manager.close();
    }

    /** The mean of the first {@code count} gradients. */
    private static double[] meanOf(int count) {
        double[] mean = new double[WEIGHT.length];
        for (int r = 0; r < count; r++) {
            for (int i = 0; i < mean.length; i++) {
                mean[i] += GRADIENTS[r][i] / count;
            }
        }
        return mean;
    }

    /** The weight after update {@code update} with gradient {@code mean}, and that gradient as Adam's first moment. */
    private void assertUpdatedWith(double[] mean, long update, NDArray... copies) {
        AdamByHand expected = new AdamByHand(WEIGHT, 0, 0, EPSILON, 0, false);
        expected.step(mean, 1, RATE.applyAsDouble(update), update);
        for (int c = 0; c < copies.length; c++) {
            assertArrayEquals(floats(expected.weight), copies[c].toFloatArray(), 1e-6f, "weight of copy " + c);
        }
        try (NDManager scope = manager.newSubManager()) {
            NDList state = adam.exportState(scope);
            assertArrayEquals(floats(mean), state.get(0).toFloatArray(), 1e-6f, "averaged gradient");
        }
    }

    private NDArray[] copies(int count) {
        NDArray[] copies = new NDArray[count];
        for (int c = 0; c < count; c++) {
            copies[c] = manager.create(WEIGHT);
        }
        return copies;
    }

    @ParameterizedTest(name = "{0} shards")
    @ValueSource(ints = {1, 2, 3})
    void shardsAccumulatedOnOneReplicaAreAveraged(int shards) {
        // The engine sums the gradients of shards that ran backward on the same weights.
        double[] accumulated = new double[WEIGHT.length];
        for (int s = 0; s < shards; s++) {
            for (int i = 0; i < accumulated.length; i++) {
                accumulated[i] += GRADIENTS[s][i];
            }
        }
        NDArray[] weight = copies(1);

        server.prepare(1, shards);
        server.update(ID, new NDArray[] {manager.create(floats(accumulated))}, weight);

        assertUpdatedWith(meanOf(shards), 1, weight);
    }

    @ParameterizedTest(name = "{0} replicas")
    @ValueSource(ints = {2, 3})
    void gradientsOfSeveralReplicasAreSummedAveragedAndAppliedToEveryCopy(int replicas) {
        NDArray[] weights = copies(replicas);
        NDArray[] grads = new NDArray[replicas];
        for (int r = 0; r < replicas; r++) {
            grads[r] = manager.create(floats(GRADIENTS[r]));
        }

        server.prepare(1, 1);
        server.update(ID, grads, weights);

        assertUpdatedWith(meanOf(replicas), 1, weights);
        assertArrayEquals(floats(GRADIENTS[1]), grads[1].toFloatArray(), 0f, "the replicas' gradients are left as they were");
    }

    @Test
    void severalShardsOnEachOfSeveralReplicasAreAveragedOverAllShards() {
        NDArray[] weights = copies(2);
        // Replica 0 accumulated shards 0 and 1; replica 1 shards 2 and a zero shard.
        NDArray[] grads = {manager.create(floats(new double[] {
            GRADIENTS[0][0] + GRADIENTS[1][0], GRADIENTS[0][1] + GRADIENTS[1][1], GRADIENTS[0][2] + GRADIENTS[1][2]})),
            manager.create(floats(GRADIENTS[2]))};

        server.prepare(1, 2);
        server.update(ID, grads, weights);

        double[] mean = meanOf(3);
        for (int i = 0; i < mean.length; i++) {
            mean[i] = mean[i] * 3 / 4;
        }
        assertUpdatedWith(mean, 1, weights);
    }

    @Test
    void updateNumberOfPrepareReachesTheOptimizer() {
        NDArray[] weight = copies(1);

        server.prepare(7, 1);
        server.update(ID, new NDArray[] {manager.create(floats(GRADIENTS[0]))}, weight);

        assertUpdatedWith(meanOf(1), 7, weight);
    }

    @Test
    void gradientsAreReadFromTheParametersAndClosedAfterTheUpdate() {
        NDArray[] weights = copies(2);
        for (NDArray weight : weights) {
            weight.setRequiresGradient(true);
        }
        try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
            // d/dw sum(w * g) = g: each copy's gradient is its replica's.
            NDArray loss = weights[0].mul(manager.create(floats(GRADIENTS[0]))).sum()
                    .add(weights[1].mul(manager.create(floats(GRADIENTS[1]))).sum());
            collector.backward(loss);
        }
        int arrays = manager.getManagedArrays().size();

        server.prepare(1, 1);
        server.update(ID, weights);

        // Only Adam's mean and variance are new (one pair: the copies share the CPU); no gradient is left open.
        assertEquals(arrays + 2, manager.getManagedArrays().size(), "arrays held after the update");
        assertUpdatedWith(meanOf(2), 1, weights);
    }
}
