package io.rigshift.runner.pool.detect;

import java.util.List;
import java.util.Objects;

/** What a GPU detector found: the usable devices, and a line that says how (or why none). */
public record GpuDetection(List<DetectedGpu> gpus, String note) {

    public GpuDetection {
        gpus = List.copyOf(gpus);
        Objects.requireNonNull(note, "note");
    }
}
