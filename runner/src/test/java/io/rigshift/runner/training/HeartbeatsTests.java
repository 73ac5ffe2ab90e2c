package io.rigshift.runner.training;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class HeartbeatsTests {

    private static final HeartbeatPolicy FAST = new HeartbeatPolicy(Duration.ofMillis(10), Duration.ofMillis(100),
            Duration.ofMillis(100));

    @Test
    void aBeatThatThrowsIsRetriedAndLaterBeatsGoOn() {
        AtomicInteger calls = new AtomicInteger();
        // The store is away for the first five beats (SQLITE_BUSY, a PostgreSQL restart...).
        try (Heartbeats beats = new Heartbeats(() -> {
            if (calls.incrementAndGet() <= 5) {
                throw new org.springframework.dao.DataAccessResourceFailureException("store unavailable");
            }
        }, FAST)) {
            await(() -> beats.beats() >= 3);
            assertThat(beats.failures()).isEqualTo(5);
            assertThat(calls.get()).isGreaterThanOrEqualTo(8);
        }
    }

    @Test
    void anErrorThatIsNotAnExceptionDoesNotEndTheScheduleEither() {
        AtomicInteger calls = new AtomicInteger();
        try (Heartbeats beats = new Heartbeats(() -> {
            if (calls.incrementAndGet() == 1) {
                throw new AssertionError("boom");
            }
        }, FAST)) {
            await(() -> beats.beats() >= 2);
            assertThat(beats.failures()).isEqualTo(1);
        }
    }

    @Test
    void thePolicyKeepsItsRulesInOnePlace() {
        HeartbeatPolicy policy = HeartbeatPolicy.DEFAULT;
        assertThat(policy.interval()).isEqualTo(Duration.ofSeconds(15));
        assertThat(policy.leaseTtl()).isEqualTo(Duration.ofSeconds(90));
        assertThat(policy.staleAfter()).isEqualTo(Duration.ofMinutes(5));
        assertThat(policy.leaseTimings().leaseTtl()).isEqualTo(policy.leaseTtl());
        assertThat(policy.storePatience()).isLessThan(policy.leaseTtl());
        assertThat(io.rigshift.runner.pool.LeaseTimings.defaults().leaseTtl()).isEqualTo(policy.leaseTtl());
        assertThat(io.rigshift.runner.metering.UsageLedger.DEFAULT_STALE_AFTER).isEqualTo(policy.staleAfter());
    }

    private static void await(java.util.function.BooleanSupplier condition) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("condition reached in 10 s").isLessThan(deadline);
            Thread.onSpinWait();
        }
    }
}
