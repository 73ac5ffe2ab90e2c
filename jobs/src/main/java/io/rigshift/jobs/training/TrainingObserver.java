package io.rigshift.jobs.training;

import java.nio.file.Path;

/**
 * Hears a training loop's progress: the runner draws the progress line from it and extends the
 * usage record's heartbeat at every checkpoint. Called on the training thread; keep it quick.
 */
public interface TrainingObserver {

    /** Training starts (or resumes) at {@code startStep} of {@code totalSteps}. */
    default void trainingStarted(long startStep, long totalSteps, int stepsPerEpoch, String device) {
    }

    /** A batch ended. */
    default void batchEnded(long step, int epoch, float loss, double samplesPerSecond) {
    }

    /** A checkpoint was written. */
    default void checkpointWritten(long step, Path folder) {
    }

    /** Something the user should know that does not stop the run (a corrupt checkpoint skipped). */
    default void warning(String message) {
    }

    /** Training ended or stopped. */
    default void trainingEnded(long step) {
    }

    /** Hears nothing. */
    TrainingObserver NONE = new TrainingObserver() {
    };
}
