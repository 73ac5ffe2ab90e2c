package io.rigshift.runner.pool;

import java.util.Locale;

/** How a lease ended; stored in {@code pool_lease.outcome}. */
public enum LeaseOutcome {
    /** The job completed. */
    COMPLETED,
    /** The job failed. */
    FAILED,
    /** The job was stopped on purpose and may be resumed. */
    STOPPED,
    /** The holder gave the devices back before using them. */
    CANCELLED,
    /** The holder stopped heartbeating (crashed, killed) and the pool took the devices back after expiry. */
    RECLAIMED;

    /** The value stored in the database. */
    public String column() {
        return name().toLowerCase(Locale.ROOT);
    }

    static LeaseOutcome ofColumn(String value) {
        return valueOf(value.toUpperCase(Locale.ROOT));
    }
}
