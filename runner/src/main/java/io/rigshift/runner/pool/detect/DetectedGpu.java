package io.rigshift.runner.pool.detect;

import java.util.Objects;

/** A CUDA device found on this host: its CUDA index, model name as the pool spells it, and memory. */
public record DetectedGpu(int index, String model, int memoryGib) {

    public DetectedGpu {
        Objects.requireNonNull(model, "model");
        if (index < 0 || memoryGib < 1) {
            throw new IllegalArgumentException("bad detected GPU " + index + " " + model + " " + memoryGib + " GiB");
        }
    }
}
