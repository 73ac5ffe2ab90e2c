package io.rigshift.runner.pool;

import java.time.Duration;
import java.util.Objects;

/**
 * The pool's clocks. {@code leaseTtl}: a lease not heartbeaten for this long is reclaimed (see
 * {@code HeartbeatPolicy}: holders heartbeat every 15 s, so the default leaves five misses). {@code waiterTtl}: a queued
 * request not polled for this long is dropped. {@code pollInterval}: how often a waiter polls.
 */
public record LeaseTimings(Duration leaseTtl, Duration waiterTtl, Duration pollInterval) {

    public LeaseTimings {
        Objects.requireNonNull(leaseTtl, "leaseTtl");
        Objects.requireNonNull(waiterTtl, "waiterTtl");
        Objects.requireNonNull(pollInterval, "pollInterval");
        if (leaseTtl.toMillis() < 1 || waiterTtl.toMillis() < 1 || pollInterval.toMillis() < 1) {
            throw new IllegalArgumentException("lease timings must be at least 1 ms: " + leaseTtl + ", "
                    + waiterTtl + ", " + pollInterval);
        }
        if (waiterTtl.compareTo(pollInterval.multipliedBy(2)) < 0) {
            throw new IllegalArgumentException("waiter TTL " + waiterTtl + " must be at least two poll intervals ("
                    + pollInterval + ")");
        }
    }

    /** The heartbeat policy's lease TTL (90 s), 10 s waiter TTL, 200 ms poll interval. */
    public static LeaseTimings defaults() {
        return new LeaseTimings(io.rigshift.runner.training.HeartbeatPolicy.DEFAULT.leaseTtl(), Duration.ofSeconds(10),
                Duration.ofMillis(200));
    }

    /** These timings with another lease TTL. */
    public LeaseTimings withLeaseTtl(Duration ttl) {
        return new LeaseTimings(ttl, waiterTtl, pollInterval);
    }

    /** These timings with another poll interval (and a waiter TTL of at least 10 polls). */
    public LeaseTimings withPollInterval(Duration interval) {
        Duration ttl = waiterTtl.compareTo(interval.multipliedBy(10)) < 0 ? interval.multipliedBy(10) : waiterTtl;
        return new LeaseTimings(leaseTtl, ttl, interval);
    }
}
