package io.rigshift.jobs.text3d;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.rigshift.jobs.checkpoint.CheckpointException;
import io.rigshift.jobs.checkpoint.CheckpointStore;
import io.rigshift.jobs.checkpoint.StoredCheckpoint;
import io.rigshift.jobs.training.DeviceAssignment;
import io.rigshift.jobs.training.Precision;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.io.TempDir;

class TrainingCheckpointsTests {

    private static final NetworkShape SHAPE = SpheresTrainingSet.SHAPE;
    private static final byte[] VOCABULARY = "<unk>\nlarge\nsmall\n".getBytes(StandardCharsets.UTF_8);

    @TempDir
    Path folder;

    private static OccupancyTrainer trainer(TrainingPlan plan) {
        return new OccupancyTrainer(SHAPE, new SpheresTrainingSet(16), plan, DeviceAssignment.cpu());
    }

    private static byte[] parameters(OccupancyTrainer trainer) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        trainer.saveParameters(new DataOutputStream(bytes));
        return bytes.toByteArray();
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Precision.class)
    void restoredTrainerEndsWithTheSameParametersAsAnUninterruptedOne(Precision precision) throws IOException {
        assumeTrue(precision == Precision.FP32 || Precision.BF16_CPU_FLAGS.stream()
                .anyMatch(Precision.cpuFlags()::contains), "this CPU has no bf16 instructions");
        TrainingPlan plan = new TrainingPlan(11, 5, 8, 64, 3e-3, precision);
        byte[] uninterrupted;
        try (OccupancyTrainer trainer = trainer(plan)) {
            while (!trainer.isFinished()) {
                trainer.step();
            }
            uninterrupted = parameters(trainer);
        }
        CheckpointStore store = new CheckpointStore(folder, 3, Clock.systemUTC(), "test", "test");
        List<Float> losses = new ArrayList<>();
        try (OccupancyTrainer first = trainer(plan)) {
            for (int i = 0; i < 7; i++) {
                losses.add(first.step());
            }
            store.write(TrainingCheckpoints.snapshot(first, losses, VOCABULARY));
        }
        StoredCheckpoint checkpoint = store.newestValid(bad -> { }).orElseThrow();
        try (OccupancyTrainer resumed = trainer(plan)) {
            TrainingCheckpoints.State state = TrainingCheckpoints.restore(resumed, checkpoint, VOCABULARY);
            assertEquals(7, state.globalStep());
            assertEquals(losses, state.lossHistory());
            while (!resumed.isFinished()) {
                resumed.step();
            }
            assertArrayEquals(uninterrupted, parameters(resumed));
        }
    }

    @Test
    void checkpointOfAnotherPlanIsRefusedNamingTheDifference() {
        CheckpointStore store = new CheckpointStore(folder, 3, Clock.systemUTC(), "test", "test");
        try (OccupancyTrainer first = trainer(new TrainingPlan(11, 5, 8, 64, 3e-3))) {
            first.step();
            store.write(TrainingCheckpoints.snapshot(first, List.of(1f), VOCABULARY));
        }
        StoredCheckpoint checkpoint = store.newestValid(bad -> { }).orElseThrow();
        try (OccupancyTrainer other = trainer(new TrainingPlan(11, 5, 8, 64, 1e-3))) {
            CheckpointException refused = assertThrows(CheckpointException.class,
                    () -> TrainingCheckpoints.restore(other, checkpoint, VOCABULARY));
            assertTrue(refused.getMessage().contains("learningRate=0.003"), refused.getMessage());
        }
    }
}
