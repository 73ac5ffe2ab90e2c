package io.rigshift.runner.training;

import java.util.concurrent.atomic.AtomicReference;

/**
 * Why the job of this process should stop, once something asked: the user ({@code stop},
 * SIGTERM, Ctrl-C) or the pool (a reclaimed lease). The first reason wins.
 */
public final class StopSignal {

    /** The reason given when the user asked. */
    public static final String REQUESTED = "stop requested";

    private final AtomicReference<String> reason = new AtomicReference<>();

    public void request(String why) {
        reason.compareAndSet(null, why);
    }

    public boolean requested() {
        return reason.get() != null;
    }

    /** The reason, or null while nothing asked. */
    public String reason() {
        return reason.get();
    }

    /** Whether the stop came from the pool rather than from the user. */
    public boolean imposed() {
        String why = reason.get();
        return why != null && !why.equals(REQUESTED);
    }
}
