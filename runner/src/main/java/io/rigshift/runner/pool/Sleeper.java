package io.rigshift.runner.pool;

import java.time.Duration;

/** Waits between queue polls; tests pass one that advances a test clock instead of sleeping. */
@FunctionalInterface
public interface Sleeper {

    /** Really sleeps. */
    Sleeper SYSTEM = duration -> Thread.sleep(duration.toMillis());

    void sleep(Duration duration) throws InterruptedException;
}
