package io.rigshift.jobs.api;

/**
 * When a job checkpoints: every {@code everyBatches} batches and at least every
 * {@code intervalSeconds} of training, keeping the newest {@code keep}.
 */
public record CheckpointCadence(long everyBatches, long intervalSeconds, int keep) {

    public CheckpointCadence {
        if (everyBatches < 1 || intervalSeconds < 1 || keep < 1) {
            throw new IllegalArgumentException("checkpoint cadence must be positive: every " + everyBatches
                    + " batches, interval " + intervalSeconds + " s, keep " + keep);
        }
    }

    /** Every 200 batches, at least every 300 s, keep 3. */
    public static CheckpointCadence defaults() {
        return new CheckpointCadence(200, 300, 3);
    }
}
