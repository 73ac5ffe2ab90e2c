package io.rigshift.jobs.api;

import java.nio.file.Path;

/**
 * Where a job tells the runner how it goes. Called on the job's thread; every call is quick (the
 * runner batches what it stores).
 */
public interface JobReporter {

    /** Training starts (or resumes) at {@code startStep} of {@code totalSteps}. */
    default void trainingStarted(long startStep, long totalSteps, int stepsPerEpoch) {
    }

    /** A batch ended: its global step (1-based), epoch (0-based), loss and throughput. */
    default void batchEnded(long step, int epoch, double loss, double samplesPerSecond) {
    }

    /**
     * A named figure at a step ({@code val_iou}, {@code accuracy}): stored for plotting; the latest
     * of each name is shown by {@code status}. Names: 1-64 characters of a-z, 0-9, '_', '.', '-'.
     */
    default void metric(long step, String name, double value) {
    }

    /** A checkpoint of {@code step} is durable in {@code folder}. */
    default void checkpointWritten(long step, Path folder) {
    }

    /**
     * How long a checkpoint of {@code step} stalled training (the snapshot taken between batches)
     * and how long writing it took, in milliseconds: the runner exports them as metrics.
     */
    default void checkpointTimings(long step, long stallMillis, long writeMillis) {
    }

    /** Something the user should know that does not stop the run (a corrupt checkpoint skipped). */
    default void warning(String message) {
    }

    /** Training ended or stopped at {@code step}. */
    default void trainingEnded(long step) {
    }

    /** Hears nothing. */
    JobReporter NONE = new JobReporter() {
    };
}
