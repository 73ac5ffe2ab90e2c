package io.rigshift.runner.pool;

import java.util.Locale;

/** Where a pool device stands: free for a lease, held by one, set aside by its host, or broken. */
public enum DeviceState {
    /** Free: the next fitting request may lease it. */
    AVAILABLE,
    /** Held by exactly one live lease. */
    LEASED,
    /** Its node is draining: no new lease until {@code pool undrain}. */
    DRAINING,
    /** Out of service. */
    DOWN;

    /** The value stored in the {@code pool_device.state} column. */
    public String column() {
        return name().toLowerCase(Locale.ROOT);
    }

    static DeviceState ofColumn(String value) {
        return valueOf(value.toUpperCase(Locale.ROOT));
    }
}
