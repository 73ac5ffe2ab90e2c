package io.rigshift.jobs.text3d;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import ai.djl.util.Pair;
import io.rigshift.jobs.training.DeviceAssignment;
import io.rigshift.jobs.training.MatmulPrecision;
import io.rigshift.jobs.training.Precision;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class OccupancyTrainerTests {

    private static final NetworkShape SHAPE = SpheresTrainingSet.SHAPE;

    private static OccupancyTrainer trainer(long seed, int epochs, DeviceAssignment devices) {
        return new OccupancyTrainer(SHAPE, new SpheresTrainingSet(16),
                new TrainingPlan(seed, epochs, 8, 64, 3e-3), devices);
    }

    /** One CPU replica, or {@code replicas} simulated ones, each taking a share of a batch of {@code shapes}. */
    private static OccupancyTrainer trainer(long seed, int epochs, int shapes, int replicas) {
        return new OccupancyTrainer(SHAPE, new SpheresTrainingSet(16), new TrainingPlan(seed, epochs, shapes, 64, 3e-3),
                devices(replicas));
    }

    private static DeviceAssignment devices(int replicas) {
        return replicas == 1 ? DeviceAssignment.cpu() : DeviceAssignment.simulated(replicas, replicas + " simulated");
    }

    @Test
    void lossFallsWhileTraining() {
        try (OccupancyTrainer trainer = trainer(7, 40, DeviceAssignment.cpu())) {
            float first = 0;
            float last = 0;
            int steps = 0;
            while (!trainer.isFinished()) {
                float loss = trainer.step();
                if (steps < 5) {
                    first += loss / 5;
                }
                if (trainer.totalSteps() - trainer.globalStep() < 5) {
                    last += loss / 5;
                }
                steps++;
            }
            assertEquals(80, steps);
            assertTrue(last < first * 0.7, "loss fell from " + first + " to " + last);
        }
    }

    @Test
    void sameSeedGivesIdenticalParameters() throws IOException {
        assertArrayEquals(parametersAfter(trainer(3, 2, DeviceAssignment.cpu())),
                parametersAfter(trainer(3, 2, DeviceAssignment.cpu())));
    }

    /**
     * Every shape of the batch is the same shape with the same points, so the gradient of the whole batch's mean loss
     * is that of one shape, computed here apart from the trainer. After update 1 Adam's first moment is
     * {@code 1 - beta1 = 0.1} times the gradient it applied: a sum over replicas instead of the mean, or a mean
     * scaled twice, shows as a moment 2 or 3 times too large (or too small).
     */
    @ParameterizedTest(name = "{0} replicas")
    @ValueSource(ints = {1, 2, 3})
    void eachUpdateAppliesTheMeanGradientOfTheWholeBatch(int replicas) {
        try (OccupancyTrainer trainer = new OccupancyTrainer(SHAPE, new OneShapeRepeated(16),
                new TrainingPlan(5, 2, 6, 64, 3e-3), devices(replicas));
                NDManager scope = trainer.manager().newSubManager()) {
            Map<String, NDArray> expected = new HashMap<>();
            for (Map.Entry<String, NDArray> gradient : OneShapeRepeated.gradients(trainer, scope).entrySet()) {
                expected.put(gradient.getKey(), gradient.getValue().mul(0.1f));
            }

            trainer.step();

            NDList moments = trainer.optimizer().exportState(scope);
            List<String> names = trainer.optimizer().stateNames();
            assertEquals(expected.keySet(), Set.copyOf(names));
            for (String name : names) {
                NDArray mean = moments.get(2 * names.indexOf(name));
                assertTrue(mean.allClose(expected.get(name), 1e-3, 1e-9, false), name + ": first moment "
                        + mean.abs().max().getFloat() + ", a tenth of the mean gradient "
                        + expected.get(name).abs().max().getFloat() + " (largest magnitudes)");
            }
        }
    }

    @ParameterizedTest(name = "{0} replicas")
    @ValueSource(ints = {2, 3})
    void simulatedReplicasTrainLikeOneReplicaOnTheWholeBatch(int replicas) {
        try (OccupancyTrainer one = trainer(5, 2, 6, 1);
                OccupancyTrainer several = trainer(5, 2, 6, replicas)) {
            for (int i = 0; i < 3; i++) {
                assertEquals(one.step(), several.step(), 1e-5, "loss of step " + i);
                try (NDManager scope = one.manager().newSubManager()) {
                    NDList expected = one.optimizer().exportState(scope);
                    NDList actual = several.optimizer().exportState(scope);
                    for (int m = 0; m < expected.size(); m++) {
                        assertTrue(expected.get(m).allClose(actual.get(m), 1e-3, 1e-9, false),
                                "moment " + m + " (" + expected.get(m).getName() + ") after step " + i);
                    }
                }
            }
            for (int p = 0; p < one.parameters().size(); p++) {
                NDArray a = one.parameters().get(p).getValue().getArray();
                NDArray b = several.parameters().get(p).getValue().getArray();
                assertTrue(a.allClose(b, 1e-4, 1e-5, false), one.parameters().get(p).getKey() + " differs");
            }
        }
    }

    @Test
    void nativeArraysStayFlatAcrossSteps() {
        try (OccupancyTrainer trainer = trainer(9, 30, DeviceAssignment.simulated(2, "2 simulated"))) {
            for (int i = 0; i < 3; i++) {
                trainer.step();
            }
            int afterWarmUp = trainer.manager().getManagedArrays().size();
            for (int i = 0; i < 40; i++) {
                trainer.step();
            }
            assertEquals(afterWarmUp, trainer.manager().getManagedArrays().size(),
                    "arrays held by the trainer after 3 and after 43 steps");
        }
    }

    @Test
    void bf16StepLeavesFp32ProductsToEverythingAfterIt() {
        assumeTrue(Precision.BF16_CPU_FLAGS.stream().anyMatch(Precision.cpuFlags()::contains),
                "this CPU has no bf16 instructions");
        try (OccupancyTrainer trainer = new OccupancyTrainer(SHAPE, new SpheresTrainingSet(16),
                new TrainingPlan(7, 40, 8, 64, 3e-3, Precision.BF16), DeviceAssignment.cpu())) {
            float first = trainer.step();
            assertEquals(Precision.FP32, MatmulPrecision.current());
            float last = first;
            while (!trainer.isFinished()) {
                last = trainer.step();
            }
            assertTrue(last < first * 0.7, "loss fell from " + first + " to " + last);
        }
    }

    private static byte[] parametersAfter(OccupancyTrainer trainer) throws IOException {
        try (trainer) {
            while (!trainer.isFinished()) {
                trainer.step();
            }
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            trainer.saveParameters(new DataOutputStream(bytes));
            return bytes.toByteArray();
        }
    }
}
