package io.rigshift.runner.metering;

import java.util.Objects;

/**
 * What the ledger needs to open a usage record: who uses how many devices of which model, where,
 * from when. {@code leaseId} is null for CPU runs, {@code jobExecutionId} may be null before the
 * job execution exists.
 *
 * @param startMs epoch milliseconds (UTC) from which the devices are billed, normally the lease's grant time
 */
public record UsageStart(String tenant, Long jobExecutionId, String leaseId, String node, String deviceModel,
        int deviceCount, long startMs) {

    /** The device model of CPU runs, billed at the rate card's {@code cpu} rate (zero unless set). */
    public static final String CPU_MODEL = "cpu";

    public UsageStart {
        requireText(tenant, "tenant");
        requireText(node, "node");
        requireText(deviceModel, "device model");
        if (leaseId != null && leaseId.isBlank()) {
            throw new IllegalArgumentException("lease id must not be blank (use null for a CPU run)");
        }
        if (deviceCount <= 0) {
            throw new IllegalArgumentException("device count must be positive, got " + deviceCount);
        }
        if (startMs < 0) {
            throw new IllegalArgumentException("start must be epoch milliseconds >= 0, got " + startMs);
        }
    }

    /** A GPU lease's usage. */
    public static UsageStart lease(String tenant, Long jobExecutionId, String leaseId, String node,
            String gpuModel, int deviceCount, long startMs) {
        return new UsageStart(tenant, jobExecutionId, Objects.requireNonNull(leaseId, "leaseId"), node,
                gpuModel, deviceCount, startMs);
    }

    /** A CPU run's usage: no lease, model {@code cpu}, one device. */
    public static UsageStart cpu(String tenant, Long jobExecutionId, String node, long startMs) {
        return new UsageStart(tenant, jobExecutionId, null, node, CPU_MODEL, 1, startMs);
    }

    private static void requireText(String value, String what) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(what + " must not be blank");
        }
    }
}
