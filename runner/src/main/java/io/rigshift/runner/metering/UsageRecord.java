package io.rigshift.runner.metering;

import io.rigshift.runner.node.ProcessIdentity;

import java.util.Optional;
import java.util.OptionalLong;

/** One row of the usage ledger as stored. {@code outcome} and {@code endMs} are empty while it is open. */
public record UsageRecord(long id, String tenant, Long jobExecutionId, String leaseId, String node,
        String deviceModel, int deviceCount, long startMs, OptionalLong endMs, long lastHeartbeatMs,
        Optional<UsageOutcome> outcome, ProcessIdentity owner) {

    public boolean isOpen() {
        return endMs.isEmpty();
    }

    /** Device-milliseconds billed so far: up to the end, or up to {@code nowMs} while open. */
    public long deviceMs(long nowMs) {
        long end = endMs.orElse(Math.max(nowMs, startMs));
        return (end - startMs) * deviceCount;
    }
}
