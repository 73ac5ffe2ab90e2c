package io.rigshift.runner.pool;

import java.util.Objects;

/**
 * A lease the pool took back because its holder stopped heartbeating. Times are epoch
 * milliseconds; {@code lastHeartbeatMillis} is the last moment the holder was known alive
 * (the grant time if it never heartbeated).
 */
public record ReclaimedLease(String leaseId, String tenant, String node, String gpuModel, int deviceCount,
        long grantedAtMillis, long lastHeartbeatMillis, long reclaimedAtMillis) {

    public ReclaimedLease {
        Objects.requireNonNull(leaseId, "leaseId");
        Objects.requireNonNull(tenant, "tenant");
    }
}
