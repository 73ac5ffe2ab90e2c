package io.rigshift.runner.pool;

import java.util.Objects;
import java.util.Optional;

/**
 * One GPU of the pool as the inventory shows it; {@code leaseId} and {@code tenant} are present
 * exactly while the device is leased.
 */
public record PoolDevice(String node, int index, String gpuModel, int memoryGib, DeviceState state,
        Optional<String> leaseId, Optional<String> tenant) {

    public PoolDevice {
        Objects.requireNonNull(node, "node");
        Objects.requireNonNull(gpuModel, "gpuModel");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(leaseId, "leaseId");
        Objects.requireNonNull(tenant, "tenant");
        if (index < 0) {
            throw new IllegalArgumentException("device index " + index + " < 0");
        }
    }
}
