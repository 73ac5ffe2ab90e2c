package io.rigshift.runner.metering;

import java.util.Locale;

/** How a usage record ended; stored in lower case in the ledger ({@code open} while running). */
public enum UsageOutcome {
    /** The job finished. */
    COMPLETED,
    /** The job failed, or its holder died and the record was closed at its last heartbeat. */
    FAILED,
    /** The job was stopped by a person. */
    STOPPED,
    /** The pool took the lease back (its holder stopped heartbeating). */
    RECLAIMED;

    /** The value stored in {@code usage_record.outcome}. */
    public String storedName() {
        return name().toLowerCase(Locale.ROOT);
    }

    static UsageOutcome ofStored(String stored) {
        return valueOf(stored.toUpperCase(Locale.ROOT));
    }
}
