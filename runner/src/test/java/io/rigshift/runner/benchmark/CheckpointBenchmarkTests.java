package io.rigshift.runner.benchmark;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.engine.Engine;
import io.rigshift.jobs.checkpoint.CheckpointStore;
import io.rigshift.jobs.checkpoint.StoredCheckpoint;
import io.rigshift.jobs.checkpoint.TrainingSnapshot;
import io.rigshift.jobs.text3d.OccupancyTrainer;
import io.rigshift.jobs.text3d.Text3dSettings;
import io.rigshift.jobs.training.NativeAllocator;
import io.rigshift.jobs.text3d.Text3dWorkload;
import io.rigshift.jobs.text3d.TrainingCheckpoints;
import io.rigshift.jobs.training.DeviceAssignment;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.LongSummaryStatistics;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

/**
 * Checkpoint cost on the standard model, in this JVM on CPU: size, write time, the training stall
 * per checkpoint (snapshot + write), the overhead at the default cadence (every 200 batches and
 * at each epoch end), and the time from resume to the first trained batch. Skipped (and reported
 * as skipped) unless run with {@code -Drigshift.benchmark=true}:
 * {@code mvn -B -o -pl runner -am test -Dtest=CheckpointBenchmarkTests -Drigshift.benchmark=true -Dsurefire.failIfNoSpecifiedTests=false}
 */
@EnabledIfSystemProperty(named = "rigshift.benchmark", matches = "true")
class CheckpointBenchmarkTests {

    private static final long DEFAULT_EVERY = 200;

    @TempDir
    Path folder;

    @Test
    void measureCheckpointOverheadAndResumeTime() throws Exception {
        NativeAllocator.keepFreedMemory(); // as EngineSetup does for every training run
        int epochs = Integer.getInteger("rigshift.benchmark.epochs", 5); // 64 steps per epoch: 320 steps
        Text3dSettings settings = Text3dSettings.standard(42, epochs, null, 4096);
        long generationStarted = System.nanoTime();
        Text3dWorkload workload = Text3dWorkload.procedural(settings);
        long generationNanos = System.nanoTime() - generationStarted;
        Path vocabularyFile = folder.resolve("vocabulary.txt");
        workload.vocabulary().save(vocabularyFile);
        byte[] vocabulary = Files.readAllBytes(vocabularyFile);
        CheckpointStore store = new CheckpointStore(folder.resolve("checkpoints"), 3, Clock.systemUTC(),
                Engine.getDjlVersion(), Engine.getInstance().getVersion());

        List<Float> losses = new ArrayList<>();
        LongSummaryStatistics steps = new LongSummaryStatistics();
        LongSummaryStatistics snapshots = new LongSummaryStatistics();
        LongSummaryStatistics writes = new LongSummaryStatistics();
        LongSummaryStatistics stalls = new LongSummaryStatistics();
        long checkpointBytes = 0;
        java.util.concurrent.ExecutorService writer = java.util.concurrent.Executors.newSingleThreadExecutor();
        java.util.concurrent.Future<?> pending = null;
        long lastCheckpointStep = 0;
        try (OccupancyTrainer trainer = OccupancyTrainer.of(workload, settings, DeviceAssignment.cpu())) {
            while (!trainer.isFinished()) {
                long started = System.nanoTime();
                losses.add(trainer.step());
                steps.accept(System.nanoTime() - started);
                if (trainer.globalStep() - lastCheckpointStep >= DEFAULT_EVERY || trainer.positionInEpoch() == 0) {
                    // As the train step does: wait for the previous write, snapshot, write in the background.
                    long stallStarted = System.nanoTime();
                    if (pending != null) {
                        pending.get();
                    }
                    long snapshotStarted = System.nanoTime();
                    TrainingSnapshot snapshot = TrainingCheckpoints.snapshot(trainer, losses, vocabulary);
                    long ended = System.nanoTime();
                    pending = writer.submit(() -> {
                        long writeStarted = System.nanoTime();
                        store.write(snapshot);
                        writes.accept(System.nanoTime() - writeStarted);
                        return null;
                    });
                    snapshots.accept(ended - snapshotStarted);
                    stalls.accept(ended - stallStarted);
                    checkpointBytes = snapshot.files().values().stream().mapToLong(b -> b.length).sum();
                    lastCheckpointStep = trainer.globalStep();
                }
            }
            if (pending != null) {
                pending.get();
            }
        } finally {
            writer.shutdown();
        }

        long resumeStarted = System.nanoTime();
        long restoredAt;
        try (OccupancyTrainer resumed = OccupancyTrainer.of(workload, settings, DeviceAssignment.cpu())) {
            StoredCheckpoint newest = store.list().stream().filter(c -> c.valid())
                    .filter(c -> c.manifest().step() < resumed.totalSteps()).findFirst().orElseThrow();
            TrainingCheckpoints.restore(resumed, newest, vocabulary);
            restoredAt = System.nanoTime();
            resumed.step();
        }
        long firstBatchAt = System.nanoTime();
        assertEquals(steps.getCount(), (long) epochs * 64);

        double stepMs = steps.getAverage() / 1e6;
        double trainingMs = steps.getSum() / 1e6;
        double stallTotalMs = stalls.getSum() / 1e6;
        System.out.printf("checkpoint benchmark (standard preset, %d steps, %d checkpoints, CPU, DJL %s, PyTorch %s)%n",
                steps.getCount(), stalls.getCount(), Engine.getDjlVersion(), Engine.getInstance().getVersion());
        System.out.printf("  checkpoint size         %.2f MiB%n", checkpointBytes / 1048576.0);
        System.out.printf("  snapshot to memory      mean %.1f ms, max %.1f ms%n", snapshots.getAverage() / 1e6,
                snapshots.getMax() / 1e6);
        System.out.printf("  write (fsync + rename, background thread)  mean %.1f ms, max %.1f ms%n", writes.getAverage() / 1e6,
                writes.getMax() / 1e6);
        System.out.printf("  training stall per checkpoint (snapshot + waiting for the previous write)  mean %.1f ms, max %.1f ms%n", stalls.getAverage() / 1e6,
                stalls.getMax() / 1e6);
        System.out.printf("  step time               mean %.1f ms (training %.1f s)%n", stepMs, trainingMs / 1000);
        System.out.printf("  overhead at default cadence (every %d batches + each epoch end): %.2f %%%n",
                DEFAULT_EVERY, 100 * stallTotalMs / trainingMs);
        System.out.printf("  resume to first trained batch: %.0f ms (build trainer + restore %.0f ms, first step %.0f ms);"
                + " procedural data generation, also on the resume path: %.0f ms%n",
                (firstBatchAt - resumeStarted) / 1e6, (restoredAt - resumeStarted) / 1e6,
                (firstBatchAt - restoredAt) / 1e6, generationNanos / 1e6);
    }
}
