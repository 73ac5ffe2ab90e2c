package io.rigshift.datasets.mesh;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.io.IOException;

import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

/**
 * Runs one read of a fuzz input under the limits every reader must keep: it ends within a time, and the memory it
 * allocates is bounded (by a multiple of the input's size), so a header that declares a huge grid fails cheaply.
 */
public final class ReadLimits {

    private static final com.sun.management.ThreadMXBean THREADS =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

    private ReadLimits() {
    }

    /** A read that may fail with the reader's documented exception. */
    @FunctionalInterface
    public interface Read<T> {
        T call() throws IOException;
    }

    /**
     * The read's result, or the exception it threw, as it threw it; fails the test when the read runs past
     * {@code time} or allocates over {@code maxBytes}.
     */
    public static <T> T within(Duration time, long maxBytes, Read<T> read) throws IOException {
        return assertTimeoutPreemptively(time, () -> {
            long before = THREADS.getCurrentThreadAllocatedBytes();
            try {
                return read.call();
            } finally {
                long allocated = THREADS.getCurrentThreadAllocatedBytes() - before;
                if (allocated > maxBytes) {
                    throw new AssertionError("read allocated " + allocated + " bytes, limit " + maxBytes);
                }
            }
        }, () -> "read ran past " + time + ": a hang");
    }
}
