package io.rigshift.runner.pool;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * Devices granted to one tenant's job: {@code devices} are indexes on {@code node}, all of
 * {@code gpuModel}. On a {@code simulated} node the job runs one CPU replica per leased device.
 */
public record Lease(String id, String tenant, String node, String gpuModel, List<Integer> devices,
        boolean simulated, Instant grantedAt) {

    public Lease {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(tenant, "tenant");
        Objects.requireNonNull(node, "node");
        Objects.requireNonNull(gpuModel, "gpuModel");
        Objects.requireNonNull(grantedAt, "grantedAt");
        devices = List.copyOf(devices);
        if (devices.isEmpty()) {
            throw new IllegalArgumentException("a lease holds at least one device");
        }
    }

    /** How many devices the lease holds. */
    public int deviceCount() {
        return devices.size();
    }
}
