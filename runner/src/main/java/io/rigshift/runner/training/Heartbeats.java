package io.rigshift.runner.training;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a beat every {@link HeartbeatPolicy#interval()} on a thread of its own, and never lets a
 * failure end the schedule: a beat that throws (the store busy or restarting) is logged and the
 * next one comes on time. ({@code scheduleAtFixedRate} cancels every later run after one
 * exception, silently; that once let leases expire under running jobs.)
 */
final class Heartbeats implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Heartbeats.class);

    private static final java.time.Duration CLOSE_WAIT = java.time.Duration.ofSeconds(10);

    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "rigshift-heartbeat");
        thread.setDaemon(true);
        return thread;
    });
    private final Runnable beat;
    private final Runnable onFailure;
    private final java.util.function.LongConsumer failureCount;
    private final AtomicLong beats = new AtomicLong();
    private final AtomicLong failures = new AtomicLong();
    private final AtomicLong consecutiveFailures = new AtomicLong();

    Heartbeats(Runnable beat, HeartbeatPolicy policy) {
        this(beat, policy, () -> { });
    }

    /** {@code onFailure} runs after a failed beat (the store drops its pooled connections there). */
    Heartbeats(Runnable beat, HeartbeatPolicy policy, Runnable onFailure) {
        this(beat, policy, onFailure, failures -> { });
    }

    /** As above, telling {@code failureCount} the running total after each failure (for the metrics). */
    Heartbeats(Runnable beat, HeartbeatPolicy policy, Runnable onFailure,
            java.util.function.LongConsumer failureCount) {
        this.beat = beat;
        this.onFailure = onFailure;
        this.failureCount = failureCount;
        long interval = policy.interval().toMillis();
        scheduler.scheduleWithFixedDelay(this::beatSafely, interval, interval, TimeUnit.MILLISECONDS);
    }

    /** One beat now, on the caller's thread (at a checkpoint, say); never throws. */
    void beatSafely() {
        try {
            beat.run();
            beats.incrementAndGet();
            long failed = consecutiveFailures.getAndSet(0);
            if (failed > 0) {
                LOG.info("heartbeat back after {} failed beat(s)", failed);
            }
        } catch (Throwable e) {
            failureCount.accept(failures.incrementAndGet());
            LOG.warn("heartbeat failed ({} in a row): {}; retrying at the next beat",
                    consecutiveFailures.incrementAndGet(), e.toString());
            try {
                onFailure.run();
            } catch (RuntimeException ignored) {
                // The next beat tries again either way.
            }
        }
    }

    long beats() {
        return beats.get();
    }

    long failures() {
        return failures.get();
    }

    /**
     * Ends the schedule and waits for a beat under way to finish: one that ran on after its job's
     * lease was released would find the lease gone and stop the next execution as reclaimed. A
     * beat stuck longer than {@link #CLOSE_WAIT} (a store that does not answer) is interrupted.
     */
    @Override
    public void close() {
        scheduler.shutdown();
        try {
            if (!scheduler.awaitTermination(CLOSE_WAIT.toMillis(), TimeUnit.MILLISECONDS)) {
                LOG.warn("a heartbeat still ran {} s after its job ended: interrupting it", CLOSE_WAIT.toSeconds());
                scheduler.shutdownNow();
            }
        } catch (InterruptedException e) {
            scheduler.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }
}
