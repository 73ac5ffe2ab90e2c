package io.rigshift.runner.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A host whose clock is off still times leases and usage on the store's clock. */
class StoreClockTests {

    @TempDir
    Path home;

    @Test
    void aHostClockTwoMinutesOffReadsTheStoresTimeAndKeepsItsOffsetWhenTheStoreIsAway() {
        Store store = Store.open(new RigshiftHome(home), Optional.empty());
        Clock ahead = Clock.offset(Clock.systemUTC(), Duration.ofMinutes(2));
        StoreClock clock = new StoreClock(store, ahead, Duration.ofMinutes(10));
        long before = System.currentTimeMillis();
        long read = clock.millis();
        long after = System.currentTimeMillis();
        assertThat(read).as("the store's time, not the host's two minutes ahead")
                .isBetween(before - 1_000, after + 1_000);
        store.close();
        long later = clock.millis();
        assertThat(later).as("the last offset, with the store closed").isBetween(after - 1_000,
                System.currentTimeMillis() + 1_000);
        assertThat(clock.instant().toEpochMilli()).isBetween(later - 1_000, System.currentTimeMillis() + 1_000);
    }

    @Test
    void withoutTheFaultPropertyTheLocalClockIsTheSystemsAndAMeasurementFailureIsRetriedLater() {
        assertThat(StoreClock.local().millis()).isBetween(System.currentTimeMillis() - 1_000,
                System.currentTimeMillis() + 1_000);
        Store store = Store.open(new RigshiftHome(home), Optional.empty());
        store.close();
        Clock behind = Clock.offset(Clock.systemUTC(), Duration.ofMinutes(-2));
        StoreClock clock = new StoreClock(store, behind, Duration.ofMillis(1));
        long read = clock.millis();
        assertThat(read).as("no store: the host's own clock, offset 0").isBetween(behind.millis() - 1_000,
                behind.millis() + 1_000);
    }
}
