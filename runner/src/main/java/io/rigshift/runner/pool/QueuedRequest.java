package io.rigshift.runner.pool;

import io.rigshift.runner.node.ProcessIdentity;

import java.time.Instant;
import java.util.Optional;

/**
 * A request waiting for devices, in queue order: {@code position} is 1-based,
 * {@code recentGpuMillis} is its tenant's {@link RecentGpuTime}, and {@code overQuota} says the
 * tenant holds too much to be granted it now (such a request waits without holding others back).
 */
public record QueuedRequest(int position, String requestId, String tenant, int gpus, Optional<String> gpuModel,
        String jobLabel, ProcessIdentity holder, Instant enqueuedAt, long recentGpuMillis, boolean overQuota) {
}
