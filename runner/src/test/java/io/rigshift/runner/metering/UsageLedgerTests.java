package io.rigshift.runner.metering;

import io.rigshift.runner.node.ProcessIdentity;

import static org.assertj.core.api.Assertions.assertThat;

import io.rigshift.runner.store.StorePlatform;
import java.nio.file.Path;
import java.time.Duration;
import java.util.OptionalLong;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class UsageLedgerTests {

    private static final long T0 = 1_780_000_000_000L;

    @TempDir
    Path home;

    @ParameterizedTest
    @EnumSource(StorePlatform.class)
    void closedRecordSpansStartToCloseAndClosesExactlyOnce(StorePlatform platform) throws Exception {
        try (MeteringStores stores = MeteringStores.open(platform, home)) {
            MutableClock clock = new MutableClock(T0);
            UsageLedger ledger = new UsageLedger(stores.store(), clock);
            long id = ledger.open(UsageStart.lease("acme", 7L, "lease-1", "node-a", "A40", 2, T0));
            clock.advance(30_000);
            assertThat(ledger.heartbeat(id)).isTrue();
            clock.advance(12_345);

            assertThat(ledger.close(id, UsageOutcome.COMPLETED)).isTrue();
            clock.advance(60_000);
            assertThat(ledger.close(id, UsageOutcome.FAILED)).isFalse();
            assertThat(ledger.closeAtLastHeartbeat(id, UsageOutcome.FAILED)).isFalse();
            assertThat(ledger.closeReclaimedLease("lease-1")).isFalse();
            assertThat(ledger.heartbeat(id)).isFalse();

            UsageRecord record = ledger.find(id).orElseThrow();
            assertThat(record.endMs()).isEqualTo(OptionalLong.of(T0 + 42_345));
            assertThat(record.outcome()).contains(UsageOutcome.COMPLETED);
            assertThat(record.deviceMs(clock.millis())).isEqualTo(2 * 42_345L);
            assertThat(record.jobExecutionId()).isEqualTo(7L);
            assertThat(record.owner()).isEqualTo(ProcessIdentity.current());
        }
    }

    @ParameterizedTest
    @EnumSource(StorePlatform.class)
    void crashedHolderIsBilledUpToItsLastHeartbeatOnly(StorePlatform platform) throws Exception {
        try (MeteringStores stores = MeteringStores.open(platform, home)) {
            MutableClock clock = new MutableClock(T0);
            UsageLedger ledger = new UsageLedger(stores.store(), clock);
            long id = ledger.open(UsageStart.lease("acme", 8L, "lease-2", "node-a", "H100", 1, T0));
            clock.advance(90_000);
            ledger.heartbeat(id);
            clock.advance(25_000); // the holder dies here, between heartbeats
            clock.advance(3_600_000);

            assertThat(ledger.closeAtLastHeartbeat(id, UsageOutcome.FAILED)).isTrue();
            assertThat(ledger.find(id).orElseThrow().endMs()).isEqualTo(OptionalLong.of(T0 + 90_000));
            // The resumed job opens a new record from now: no overlap with the crashed one.
            long resumed = ledger.open(UsageStart.lease("acme", 9L, "lease-3", "node-a", "H100", 1, clock.millis()));
            assertThat(ledger.find(resumed).orElseThrow().startMs()).isGreaterThan(T0 + 90_000);
        }
    }

    @ParameterizedTest
    @EnumSource(StorePlatform.class)
    void reclaimedLeaseClosesItsRecordOnceAtTheLastHeartbeat(StorePlatform platform) throws Exception {
        try (MeteringStores stores = MeteringStores.open(platform, home)) {
            MutableClock clock = new MutableClock(T0);
            UsageLedger ledger = new UsageLedger(stores.store(), clock);
            long id = ledger.open(UsageStart.lease("globex", 3L, "lease-9", "node-b", "A40", 4, T0));
            clock.advance(30_000);
            ledger.heartbeat(id);
            clock.advance(200_000);

            assertThat(ledger.closeReclaimedLease("lease-9")).isTrue();
            assertThat(ledger.closeReclaimedLease("lease-9")).isFalse();
            assertThat(ledger.heartbeat(id)).isFalse();
            assertThat(ledger.close(id, UsageOutcome.COMPLETED)).isFalse();
            UsageRecord record = ledger.find(id).orElseThrow();
            assertThat(record.outcome()).contains(UsageOutcome.RECLAIMED);
            assertThat(record.endMs()).isEqualTo(OptionalLong.of(T0 + 30_000));
        }
    }

    @ParameterizedTest
    @EnumSource(StorePlatform.class)
    void staleAndDeadOwnersAreClosedAtTheirLastHeartbeatAndLiveOnesAreNot(StorePlatform platform) throws Exception {
        try (MeteringStores stores = MeteringStores.open(platform, home)) {
            MutableClock clock = new MutableClock(T0);
            UsageLedger live = new UsageLedger(stores.store(), clock);
            UsageLedger elsewhere = new UsageLedger(stores.store().dataSource(), clock,
                    new ProcessIdentity("some-other-host", 4242, 0));
            UsageLedger deadHere = new UsageLedger(stores.store().dataSource(), clock,
                    new ProcessIdentity(ProcessIdentity.current().hostId(), deadPid(), 0));
            long alive = live.open(UsageStart.cpu("acme", 1L, "node-a", T0));
            long silent = elsewhere.open(UsageStart.lease("acme", 2L, "lease-s", "node-b", "A40", 1, T0));
            long dead = deadHere.open(UsageStart.lease("acme", 3L, "lease-d", "node-a", "A40", 1, T0));
            clock.advance(20_000);
            deadHere.heartbeat(dead);
            clock.advance(Duration.ofMinutes(2).toMillis());
            live.heartbeat(alive);

            // Two minutes without a heartbeat is not stale yet, but a dead local process is.
            assertThat(live.closeStale(Duration.ofMinutes(5))).isEqualTo(1);
            assertThat(live.find(dead).orElseThrow().endMs()).isEqualTo(OptionalLong.of(T0 + 20_000));
            assertThat(live.find(silent).orElseThrow().isOpen()).isTrue();

            clock.advance(Duration.ofMinutes(4).toMillis());
            live.heartbeat(alive);
            assertThat(live.closeStale(Duration.ofMinutes(5))).isEqualTo(1);
            assertThat(live.find(silent).orElseThrow().endMs()).isEqualTo(OptionalLong.of(T0));
            assertThat(live.find(silent).orElseThrow().outcome()).contains(UsageOutcome.FAILED);
            assertThat(live.find(alive).orElseThrow().isOpen()).isTrue();
            assertThat(live.openRecords()).extracting(UsageRecord::id).containsExactly(alive);
        }
    }

    @ParameterizedTest
    @EnumSource(StorePlatform.class)
    void aLiveOwnersRecordIsNeverClosedAsStaleHoweverQuiet(StorePlatform platform) throws Exception {
        try (MeteringStores stores = MeteringStores.open(platform, home)) {
            MutableClock clock = new MutableClock(T0);
            UsageLedger live = new UsageLedger(stores.store(), clock);
            long record = live.open(UsageStart.cpu("acme", 1L, "node-a", T0));
            // The store was away for an hour: no heartbeat got through, but the owner (this process) lives.
            clock.advance(Duration.ofHours(1).toMillis());
            assertThat(live.closeStale(Duration.ofMinutes(5))).isZero();
            assertThat(live.find(record).orElseThrow().isOpen()).isTrue();
            assertThat(live.heartbeat(record)).as("its heartbeats go on when the store is back").isTrue();
            // A pid reused by another process does not make a dead owner look alive.
            ProcessIdentity me = ProcessIdentity.current();
            UsageLedger reused = new UsageLedger(stores.store().dataSource(), clock,
                    new ProcessIdentity(me.hostId(), me.pid(), me.startedAtMs() - 1));
            long old = reused.open(UsageStart.cpu("acme", 2L, "node-a", clock.millis()));
            clock.advance(Duration.ofMinutes(6).toMillis());
            assertThat(live.closeStale(Duration.ofMinutes(5))).isEqualTo(1);
            assertThat(live.find(old).orElseThrow().isOpen()).isFalse();
            assertThat(live.find(record).orElseThrow().isOpen()).isTrue();
        }
    }

    @ParameterizedTest
    @EnumSource(StorePlatform.class)
    void heartbeatNeverMovesBackwards(StorePlatform platform) throws Exception {
        try (MeteringStores stores = MeteringStores.open(platform, home)) {
            MutableClock clock = new MutableClock(T0 + 60_000);
            UsageLedger ledger = new UsageLedger(stores.store(), clock);
            long id = ledger.open(UsageStart.cpu("acme", null, "node-a", T0));
            ledger.heartbeat(id);
            clock.set(T0 + 10_000);
            assertThat(ledger.heartbeat(id)).isTrue();
            assertThat(ledger.find(id).orElseThrow().lastHeartbeatMs()).isEqualTo(T0 + 60_000);
            assertThat(ledger.close(id, UsageOutcome.STOPPED)).isTrue();
            assertThat(ledger.find(id).orElseThrow().endMs()).isEqualTo(OptionalLong.of(T0 + 60_000));
        }
    }

    private static long deadPid() throws Exception {
        Process process = new ProcessBuilder("true").start();
        process.waitFor();
        return process.pid();
    }
}
