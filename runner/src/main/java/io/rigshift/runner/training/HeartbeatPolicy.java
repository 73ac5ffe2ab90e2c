package io.rigshift.runner.training;

import java.time.Duration;
import java.util.Objects;

/**
 * The one set of timing rules for holders: how often a running job heartbeats its lease and usage
 * record ({@code interval}), how long a lease lives without a heartbeat ({@code leaseTtl}), and
 * when a record, a waiter or an execution with no heartbeat is taken for dead ({@code staleAfter}).
 * A store outage shorter than the lease TTL is ridden out: writes are retried that long.
 */
public record HeartbeatPolicy(Duration interval, Duration leaseTtl, Duration staleAfter) {

    /** The pool's lease timings under this policy. */
    public io.rigshift.runner.pool.LeaseTimings leaseTimings() {
        return io.rigshift.runner.pool.LeaseTimings.defaults().withLeaseTtl(leaseTtl);
    }

    public HeartbeatPolicy {
        Objects.requireNonNull(interval, "interval");
        Objects.requireNonNull(leaseTtl, "leaseTtl");
        Objects.requireNonNull(staleAfter, "staleAfter");
        if (interval.toMillis() < 1 || leaseTtl.compareTo(interval.multipliedBy(2)) < 0
                || staleAfter.compareTo(leaseTtl) < 0) {
            throw new IllegalArgumentException("heartbeat policy must have interval >= 1 ms, lease TTL >= 2 intervals "
                    + "and stale-after >= lease TTL: " + interval + ", " + leaseTtl + ", " + staleAfter);
        }
    }

    /** 15 s heartbeats, a 90 s lease TTL (six missed beats), stale after 5 minutes. */
    public static final HeartbeatPolicy DEFAULT = new HeartbeatPolicy(Duration.ofSeconds(15), Duration.ofSeconds(90),
            Duration.ofMinutes(5));

    /** The policy in force: the default, or {@code -Drigshift.heartbeat.ms} / {@code .lease-ttl.ms} (tests). */
    public static HeartbeatPolicy current() {
        long interval = Long.getLong("rigshift.heartbeat.ms", DEFAULT.interval.toMillis());
        long ttl = Long.getLong("rigshift.lease-ttl.ms", Math.max(DEFAULT.leaseTtl.toMillis(), interval * 2));
        long stale = Long.getLong("rigshift.stale-after.ms", Math.max(DEFAULT.staleAfter.toMillis(), ttl));
        return new HeartbeatPolicy(Duration.ofMillis(interval), Duration.ofMillis(ttl), Duration.ofMillis(stale));
    }

    /** How long store writes of a running job are retried: just under the lease TTL. */
    public Duration storePatience() {
        return leaseTtl.minus(interval);
    }
}
