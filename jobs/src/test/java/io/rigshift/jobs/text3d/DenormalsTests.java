package io.rigshift.jobs.text3d;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import io.rigshift.jobs.training.Denormals;
import io.rigshift.jobs.training.DeviceAssignment;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Subnormals are flushed on the thread that asks (and that makes a trainer), and only there:
 * each check runs on a thread of its own, so that the test thread keeps IEEE underflow.
 */
class DenormalsTests {

    /** 1e-30 x 1e-10 = 1e-40, under the smallest normal float (1.18e-38). */
    private static float subnormalProduct() {
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray small = manager.create(new float[] {1e-30f});
            return small.mul(1e-10f).getFloat();
        }
    }

    private static <T> T onNewThread(java.util.concurrent.Callable<T> work) throws Exception {
        CompletableFuture<T> result = new CompletableFuture<>();
        Thread thread = new Thread(() -> {
            try {
                result.complete(work.call());
            } catch (Throwable e) {
                result.completeExceptionally(e);
            }
        });
        thread.start();
        return result.get(60, TimeUnit.SECONDS);
    }

    @Test
    void flushingTurnsASubnormalResultIntoZeroOnThisThreadOnly() throws Exception {
        Engine.getInstance();
        assertEquals(1e-40f, subnormalProduct(), 1e-45f, "IEEE gradual underflow by default");
        float[] results = onNewThread(() -> {
            assumeTrue(Denormals.flushOnThisThread(), "this processor cannot flush subnormals");
            float flushed = subnormalProduct();
            Denormals.keepOnThisThread();
            return new float[] {flushed, subnormalProduct()};
        });
        assertEquals(0f, results[0], "flushed");
        assertEquals(1e-40f, results[1], 1e-45f, "kept again");
        assertEquals(1e-40f, subnormalProduct(), 1e-45f, "another thread never flushed");
    }

    @Test
    void aTrainerFlushesOnItsThreadUntilItCloses() throws Exception {
        float[] results = onNewThread(() -> {
            float during;
            try (OccupancyTrainer trainer = new OccupancyTrainer(SpheresTrainingSet.SHAPE, new SpheresTrainingSet(16),
                    new TrainingPlan(1, 1, 8, 16, 1e-3), DeviceAssignment.cpu())) {
                assumeTrue(trainer.flushesDenormals(), "this processor cannot flush subnormals");
                during = subnormalProduct();
            }
            return new float[] {during, subnormalProduct()};
        });
        assertEquals(0f, results[0], "while the trainer is open");
        assertEquals(1e-40f, results[1], 1e-45f, "after it closed");
    }
}
