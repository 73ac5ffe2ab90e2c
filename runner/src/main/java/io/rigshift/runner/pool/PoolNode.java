package io.rigshift.runner.pool;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * A host in the pool with its devices. A simulated node declares GPUs that leases, the queue and
 * metering treat as real while its jobs run their math on CPU.
 */
public record PoolNode(String name, boolean simulated, boolean draining, Instant addedAt, List<PoolDevice> devices) {

    public PoolNode {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(addedAt, "addedAt");
        devices = List.copyOf(devices);
    }

    /** How many of its devices are in the given state. */
    public long count(DeviceState state) {
        return devices.stream().filter(d -> d.state() == state).count();
    }
}
