package io.rigshift.runner.pool;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * What {@link LeaseService#acquire} does when the pool cannot grant a request now: fail at once
 * ({@link #noWait()}), or wait in the queue without limit or up to a timeout, telling
 * {@code onWaiting} the queue position after every poll.
 */
public record WaitPolicy(boolean waits, Optional<Duration> timeout, Consumer<QueuePosition> onWaiting) {

    public WaitPolicy {
        Objects.requireNonNull(timeout, "timeout");
        Objects.requireNonNull(onWaiting, "onWaiting");
        timeout.ifPresent(t -> {
            if (t.isNegative()) {
                throw new IllegalArgumentException("negative wait timeout " + t);
            }
        });
    }

    /** Fail with {@link NoCapacityException} (exit 3) when the request cannot be granted now. */
    public static WaitPolicy noWait() {
        return new WaitPolicy(false, Optional.empty(), position -> { });
    }

    /** Wait in the queue until granted. */
    public static WaitPolicy untilGranted() {
        return new WaitPolicy(true, Optional.empty(), position -> { });
    }

    /** Wait in the queue, and give up with {@link NoCapacityException} after {@code timeout}. */
    public static WaitPolicy upTo(Duration timeout) {
        return new WaitPolicy(true, Optional.of(timeout), position -> { });
    }

    /** This policy, telling {@code listener} where the request stands after each poll. */
    public WaitPolicy onWaiting(Consumer<QueuePosition> listener) {
        return new WaitPolicy(waits, timeout, listener);
    }
}
