package io.rigshift.jobs.text3d.job;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.rigshift.jobs.checkpoint.CheckpointException;
import io.rigshift.jobs.checkpoint.CheckpointStore;
import io.rigshift.jobs.checkpoint.DurableFiles;
import io.rigshift.jobs.checkpoint.StoredCheckpoint;
import io.rigshift.jobs.checkpoint.TrainingSnapshot;
import io.rigshift.jobs.text3d.OccupancyTrainer;
import io.rigshift.jobs.text3d.Text3dSettings;
import io.rigshift.jobs.text3d.Text3dWorkload;
import io.rigshift.jobs.text3d.TrainingCheckpoints;
import io.rigshift.jobs.api.JobContext;
import io.rigshift.jobs.api.JobReporter;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One train step's training in this process: the trainer, its checkpoints and its cadence. The
 * train tasklet runs it chunk by chunk; a chunk ends at a checkpoint, at the end, on a stop, or
 * after {@link #CHUNK_MILLIS} so that Spring Batch commits progress (and sees stop requests) often.
 */
final class TrainingSession implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(TrainingSession.class);
    static final long CHUNK_MILLIS = 2_000;

    private final OccupancyTrainer trainer;
    private final CheckpointStore checkpoints;
    private final JobContext context;
    private final Path folder;
    private final byte[] vocabulary;
    private final List<Float> lossHistory = new ArrayList<>();
    private final long checkpointEvery;
    private final long checkpointIntervalMillis;
    private final ExecutorService writer = Executors.newSingleThreadExecutor(runnable -> {
        Thread thread = new Thread(runnable, "rigshift-checkpoint-writer");
        thread.setDaemon(true);
        return thread;
    });
    private Future<?> pendingWrite;
    private long lastCheckpointStep;
    private long lastCheckpointMillis;
    private volatile Path lastCheckpoint;
    private final List<String> warnings = new ArrayList<>();

    TrainingSession(Text3dSettings settings, Text3dWorkload workload, JobContext context) throws IOException {
        this.context = context;
        this.folder = context.jobFolder();
        this.checkpointEvery = context.cadence().everyBatches();
        this.checkpointIntervalMillis = context.cadence().intervalSeconds() * 1000;
        Path vocabularyFile = Files.createTempFile(folder, ".vocabulary", ".txt");
        workload.vocabulary().save(vocabularyFile);
        this.vocabulary = Files.readAllBytes(vocabularyFile);
        Files.delete(vocabularyFile);
        this.trainer = OccupancyTrainer.of(workload, settings, context.devices());
        this.checkpoints = context.checkpoints();
        checkpoints.removeTemporaryFolders();
        checkpoints.newestValid(bad -> warnings.add("checkpoint " + bad.name() + " is unusable (" + bad.verdict()
                + "); falling back to an older one")).ifPresent(this::resume);
        this.lastCheckpointStep = trainer.globalStep();
        this.lastCheckpointMillis = context.clock().millis();
    }

    private void resume(StoredCheckpoint checkpoint) {
        TrainingCheckpoints.State state = TrainingCheckpoints.restore(trainer, checkpoint, vocabulary);
        lossHistory.addAll(state.lossHistory());
        lastCheckpoint = checkpoint.folder();
        LOG.info("resumed from checkpoint {} at step {}", checkpoint.name(), state.globalStep());
    }

    /** Problems met while opening (corrupt checkpoints skipped), for the user. */
    List<String> warnings() {
        return warnings;
    }

    /** Runs batches until the chunk ends; returns how many ran. */
    int runChunk(BooleanSupplier stopRequested) {
        JobReporter observer = context.reporter();
        long chunkStart = context.clock().millis();
        int batches = 0;
        while (!trainer.isFinished()) {
            long started = System.nanoTime();
            float loss = trainer.step();
            double seconds = (System.nanoTime() - started) / 1e9;
            lossHistory.add(loss);
            batches++;
            observer.batchEnded(trainer.globalStep(), (int) ((trainer.globalStep() - 1) / trainer.stepsPerEpoch()), loss,
                    trainer.plan().shapesPerBatch() / Math.max(seconds, 1e-9));
            if (trainer.isFinished()) {
                checkpoint();
                break;
            }
            if (checkpointDue()) {
                checkpointInBackground();
                break;
            }
            if (stopRequested.getAsBoolean() || context.clock().millis() - chunkStart >= CHUNK_MILLIS) {
                break;
            }
        }
        return batches;
    }

    private boolean checkpointDue() {
        long sinceStep = trainer.globalStep() - lastCheckpointStep;
        return sinceStep >= checkpointEvery
                || trainer.positionInEpoch() == 0
                || context.clock().millis() - lastCheckpointMillis >= checkpointIntervalMillis;
    }

    /**
     * Snapshots the state to host memory between batches (the only stall training sees) and
     * writes it on a background thread, one write at a time. Exactness is untouched: the snapshot
     * holds the state of this very step.
     */
    void checkpointInBackground() {
        if (lastCheckpointStep == trainer.globalStep() && (pendingWrite != null || lastCheckpoint != null)) {
            return;
        }
        long stallStarted = System.nanoTime();
        awaitPendingWrite();
        TrainingSnapshot snapshot = TrainingCheckpoints.snapshot(trainer, lossHistory, vocabulary);
        long stallMillis = (System.nanoTime() - stallStarted) / 1_000_000;
        lastCheckpointStep = snapshot.step();
        lastCheckpointMillis = context.clock().millis();
        pendingWrite = writer.submit(() -> {
            long writeStarted = System.nanoTime();
            Path written = checkpoints.write(snapshot);
            lastCheckpoint = written;
            context.reporter().checkpointWritten(snapshot.step(), written);
            context.reporter().checkpointTimings(snapshot.step(), stallMillis, (System.nanoTime() - writeStarted) / 1_000_000);
        });
    }

    /** Writes a checkpoint of the current state and waits until it is durable (stop, end). */
    Path checkpoint() {
        checkpointInBackground();
        awaitPendingWrite();
        return lastCheckpoint;
    }

    /** Waits for the write in flight; its failure fails the step (resume then uses an older one). */
    private void awaitPendingWrite() {
        if (pendingWrite == null) {
            return;
        }
        try {
            pendingWrite.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CheckpointException("interrupted while writing a checkpoint", e);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof CheckpointException failure ? failure
                    : new CheckpointException("checkpoint write failed: " + e.getCause().getMessage(), e.getCause());
        } finally {
            pendingWrite = null;
        }
    }

    /** Writes the trained model (parameters, vocabulary, config) and the loss history. */
    void exportModel(Text3dSettings settings) throws IOException {
        Path model = folder.resolve("model");
        Files.createDirectories(model);
        ByteArrayOutputStream parameters = new ByteArrayOutputStream();
        trainer.saveParameters(new DataOutputStream(parameters));
        DurableFiles.writeAtomically(model.resolve(TrainingCheckpoints.PARAMETERS), parameters.toByteArray());
        DurableFiles.writeAtomically(model.resolve(TrainingCheckpoints.VOCABULARY), vocabulary);
        ObjectMapper json = new ObjectMapper();
        DurableFiles.writeAtomically(model.resolve(ModelFiles.CONFIG), json.writerWithDefaultPrettyPrinter()
                .writeValueAsBytes(Map.of("network", trainer.network().networkShape(), "plan", trainer.plan(),
                        "smoke", settings.smoke(), "evaluationGrid", settings.evaluationGrid())));
        DurableFiles.writeAtomically(folder.resolve(ModelFiles.LOSS_HISTORY),
                json.writeValueAsBytes(lossHistory));
    }

    OccupancyTrainer trainer() {
        return trainer;
    }

    List<Float> lossHistory() {
        return lossHistory;
    }

    Path lastCheckpoint() {
        return lastCheckpoint;
    }

    @Override
    public void close() {
        try {
            awaitPendingWrite();
        } finally {
            writer.shutdown();
            trainer.close();
        }
    }
}
