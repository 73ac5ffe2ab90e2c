package io.rigshift.jobs.checkpoint;

import java.util.Map;

/**
 * The state of a training run between two batches, already serialised to bytes in host memory,
 * so it can be written after training moves on. Files by name; {@code step} and {@code epoch}
 * name the checkpoint.
 */
public record TrainingSnapshot(long step, int epoch, Map<String, byte[]> files) {

    public TrainingSnapshot {
        files = Map.copyOf(files);
    }
}
