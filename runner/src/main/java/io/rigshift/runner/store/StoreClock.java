package io.rigshift.runner.store;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * The store's clock, read cheaply: this host's clock plus its offset from the store's, measured
 * again every {@code refresh}. Pool processes time leases and usage with it, so that what a tenant
 * is billed never depends on the hosts' clocks agreeing; a failed measurement keeps the last offset.
 *
 * <p>For fault injection, {@code -Drigshift.fault.clock-skew-ms=N} sets this host's clock N ms off
 * (for the clocks made by {@link #local()}).
 */
public final class StoreClock extends Clock {

    static final String SKEW_PROPERTY = "rigshift.fault.clock-skew-ms";

    private final Store store;
    private final Clock local;
    private final long refreshMs;
    private volatile long offsetMs;
    private volatile long measuredAtMs;
    private volatile boolean measured;

    public StoreClock(Store store, Clock local, Duration refresh) {
        this.store = store;
        this.local = local;
        this.refreshMs = refresh.toMillis();
    }

    /** The store's clock as seen from this host's clock (skewed when a fault test asks), measured every 10 s. */
    public static StoreClock of(Store store) {
        return new StoreClock(store, local(), Duration.ofSeconds(10));
    }

    /** This host's clock: the system's, or off by {@code -Drigshift.fault.clock-skew-ms}. */
    public static Clock local() {
        long skew = Long.getLong(SKEW_PROPERTY, 0);
        return skew == 0 ? Clock.systemUTC() : Clock.offset(Clock.systemUTC(), Duration.ofMillis(skew));
    }

    @Override
    public long millis() {
        long here = local.millis();
        if (!measured || here - measuredAtMs >= refreshMs || here < measuredAtMs) {
            try {
                long before = local.millis();
                long store = this.store.nowMillis();
                long after = local.millis();
                offsetMs = store - (before + after) / 2;
                measuredAtMs = after;
                measured = true;
                here = after;
            } catch (RuntimeException e) {
                measuredAtMs = here; // keep the last offset; measure again after the next refresh
                measured = true;
            }
        }
        return here + offsetMs;
    }

    @Override
    public Instant instant() {
        return Instant.ofEpochMilli(millis());
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return this;
    }
}
