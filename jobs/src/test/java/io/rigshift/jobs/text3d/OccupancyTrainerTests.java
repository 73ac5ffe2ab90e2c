package io.rigshift.jobs.text3d;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import io.rigshift.jobs.training.DeviceAssignment;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import org.junit.jupiter.api.Test;

class OccupancyTrainerTests {

    private static final NetworkShape SHAPE = SpheresTrainingSet.SHAPE;

    private static OccupancyTrainer trainer(long seed, int epochs, DeviceAssignment devices) {
        return new OccupancyTrainer(SHAPE, new SpheresTrainingSet(16),
                new TrainingPlan(seed, epochs, 8, 64, 3e-3), devices);
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

    @Test
    void twoSimulatedReplicasUpdateLikeOneReplicaOnTheWholeBatch() {
        try (OccupancyTrainer one = trainer(5, 2, DeviceAssignment.cpu());
                OccupancyTrainer two = trainer(5, 2, DeviceAssignment.simulated(2, "2 simulated A40"))) {
            for (int i = 0; i < 3; i++) {
                float lossOne = one.step();
                float lossTwo = two.step();
                assertEquals(lossOne, lossTwo, 1e-5, "loss of step " + i);
            }
            for (int p = 0; p < one.parameters().size(); p++) {
                NDArray a = one.parameters().get(p).getValue().getArray();
                NDArray b = two.parameters().get(p).getValue().getArray();
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
