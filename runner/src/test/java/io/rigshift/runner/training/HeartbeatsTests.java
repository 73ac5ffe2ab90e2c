package io.rigshift.runner.training;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

class HeartbeatsTests {

    private static final HeartbeatPolicy FAST = new HeartbeatPolicy(Duration.ofMillis(10), Duration.ofMillis(100),
            Duration.ofMillis(100));
    /** No scheduled beat comes within a test: every beat is one the test makes with {@code beatSafely}. */
    private static final HeartbeatPolicy HOURLY = new HeartbeatPolicy(Duration.ofHours(1), Duration.ofHours(2),
            Duration.ofHours(2));

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
    void closeWaitsForTheBeatUnderWayAndNoBeatStartsAfterIt() throws Exception {
        java.util.concurrent.CountDownLatch started = new java.util.concurrent.CountDownLatch(1);
        AtomicInteger finished = new AtomicInteger();
        AtomicInteger calls = new AtomicInteger();
        Heartbeats beats = new Heartbeats(() -> {
            calls.incrementAndGet();
            started.countDown();
            try {
                Thread.sleep(300); // a slow store round trip
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            finished.incrementAndGet();
        }, FAST);
        assertThat(started.await(10, TimeUnit.SECONDS)).isTrue();
        beats.close();
        // A beat that ran on past its job's end would find the released lease and stop the next execution.
        assertThat(finished.get()).as("the beat under way ended before close returned").isEqualTo(calls.get());
        int after = calls.get();
        Thread.sleep(100);
        assertThat(calls.get()).as("no beat after close").isEqualTo(after);
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

    @Test
    void eachFailedBeatTellsTheCallbacksTheRunningTotalAndTheNextBeatStillRuns() {
        List<Long> totals = new CopyOnWriteArrayList<>();
        AtomicInteger evictions = new AtomicInteger();
        try (Heartbeats beats = new Heartbeats(failingOn(1, 2, 4), HOURLY, evictions::incrementAndGet,
                totals::add)) {
            beatTimes(beats, 5);
            assertThat(totals).containsExactly(1L, 2L, 3L);
            assertThat(evictions.get()).isEqualTo(3);
            assertThat(beats.failures()).isEqualTo(3);
            assertThat(beats.beats()).isEqualTo(2);
        }
    }

    @Test
    void aFailureCallbackThatThrowsDoesNotEndTheBeats() {
        try (Heartbeats beats = new Heartbeats(failingOn(1), HOURLY, () -> {
            throw new IllegalStateException("evicting failed too");
        })) {
            beatTimes(beats, 2);
            assertThat(beats.failures()).isEqualTo(1);
            assertThat(beats.beats()).isEqualTo(1);
        }
    }

    @Test
    void theLogSaysWhenBeatsComeBackAndHowManyFailedInARow() {
        Logger logger = (Logger) LoggerFactory.getLogger(Heartbeats.class);
        Level level = logger.getLevel();
        ListAppender<ILoggingEvent> log = new ListAppender<>();
        log.start();
        logger.addAppender(log);
        logger.setLevel(Level.INFO);
        try (Heartbeats beats = new Heartbeats(failingOn(2, 3), HOURLY)) {
            beatTimes(beats, 5);
        } finally {
            logger.detachAppender(log);
            logger.setLevel(level);
        }
        assertThat(log.list).extracting(ILoggingEvent::getFormattedMessage).containsExactly(
                "heartbeat failed (1 in a row): java.lang.IllegalStateException: store busy; retrying at the next beat",
                "heartbeat failed (2 in a row): java.lang.IllegalStateException: store busy; retrying at the next beat",
                "heartbeat back after 2 failed beat(s)");
    }

    @Test
    void beatsRunOnOneDaemonThreadThatEndsWhenClosed() throws Exception {
        CompletableFuture<Thread> beater = new CompletableFuture<>();
        Heartbeats beats = new Heartbeats(() -> beater.complete(Thread.currentThread()), FAST);
        Thread thread;
        try {
            thread = beater.get(10, TimeUnit.SECONDS);
            assertThat(thread.getName()).isEqualTo("rigshift-heartbeat");
            assertThat(thread.isDaemon()).isTrue();
        } finally {
            beats.close();
        }
        thread.join(TimeUnit.SECONDS.toMillis(10));
        assertThat(thread.isAlive()).as("the heartbeat thread ended").isFalse();
    }

    /** A beat that throws, as a busy store does, on the given calls (counted from 1). */
    private static Runnable failingOn(int... failingCalls) {
        AtomicInteger calls = new AtomicInteger();
        return () -> {
            int call = calls.incrementAndGet();
            if (java.util.Arrays.stream(failingCalls).anyMatch(failing -> failing == call)) {
                throw new IllegalStateException("store busy");
            }
        };
    }

    private static void beatTimes(Heartbeats beats, int times) {
        for (int i = 0; i < times; i++) {
            beats.beatSafely();
        }
    }

    private static void await(java.util.function.BooleanSupplier condition) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("condition reached in 10 s").isLessThan(deadline);
            Thread.onSpinWait();
        }
    }
}
