package io.rigshift.runner.training;

/** What {@code train --device} asks for. */
public enum DeviceChoice {
    /** A GPU when the engine has CUDA, else the CPU. */
    auto,
    /** Always the CPU. */
    cpu,
    /** A GPU, or a clear error when there is none. */
    gpu
}
