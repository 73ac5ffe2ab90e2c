package io.rigshift.runner.metering;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/** A clock the test moves by hand: time never passes on its own, so tests never sleep. */
public final class MutableClock extends Clock {

    private long millis;

    public MutableClock(long millis) {
        this.millis = millis;
    }

    public void set(long epochMs) {
        this.millis = epochMs;
    }

    public void advance(long ms) {
        this.millis += ms;
    }

    @Override
    public long millis() {
        return millis;
    }

    @Override
    public Instant instant() {
        return Instant.ofEpochMilli(millis);
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        throw new UnsupportedOperationException("the test clock is UTC");
    }
}
