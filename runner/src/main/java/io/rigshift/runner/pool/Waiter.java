package io.rigshift.runner.pool;

import io.rigshift.runner.node.ProcessIdentity;

import java.util.Optional;

/** One row of the wait queue, as the lease service and {@code rigshift queue} read it. */
record Waiter(String requestId, String tenant, int gpus, Optional<String> gpuModel, String jobLabel,
        ProcessIdentity holder, long enqueuedAt, long seq, long heartbeatAt) {

    /** Whether this request and {@code other} could want the same devices. */
    boolean competesWith(Waiter other) {
        return gpuModel.isEmpty() || other.gpuModel.isEmpty() || gpuModel.get().equalsIgnoreCase(other.gpuModel.get());
    }
}
