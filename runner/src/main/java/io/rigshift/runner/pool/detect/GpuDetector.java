package io.rigshift.runner.pool.detect;

/** Finds the GPUs of the local host that training can use. */
@FunctionalInterface
public interface GpuDetector {

    GpuDetection detect();
}
