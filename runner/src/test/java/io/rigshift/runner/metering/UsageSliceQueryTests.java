package io.rigshift.runner.metering;

import static org.assertj.core.api.Assertions.assertThat;

import io.rigshift.runner.metering.report.UsageDimension;
import io.rigshift.runner.metering.report.UsageSlice;
import io.rigshift.runner.metering.report.UsageSliceQuery;
import io.rigshift.runner.metering.report.UsageWindow;
import io.rigshift.runner.store.StorePlatform;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The ledger read as slices, with exact device-milliseconds: cut at every midnight or only at given
 * days and at New Year, windows and slices half-open, so a record that starts or ends exactly on a
 * cut lands on one side of it only; slices in the order {@code daily} promises.
 */
class UsageSliceQueryTests {

    private static final long HOUR = 3_600_000L;
    private static final long DAY = 24 * HOUR;
    private static final LocalDate OCT_5 = LocalDate.parse("2025-10-05");
    private static final LocalDate OCT_7 = LocalDate.parse("2025-10-07");
    private static final LocalDate OCT_10 = LocalDate.parse("2025-10-10");
    private static final LocalDate OCT_15 = LocalDate.parse("2025-10-15");
    private static final LocalDate NOV_1 = LocalDate.parse("2025-11-01");
    /** Rate changes of the by-period reads: one before the first record, one after the windows. */
    private static final List<LocalDate> CHANGES = List.of(LocalDate.parse("2025-09-01"), OCT_7, OCT_10, NOV_1,
            LocalDate.parse("2025-12-01"));

    /** When the by-period reads run: job 4 has been open since Oct 31 23:00. */
    private static final long NOW = UsageWindow.midnight(NOV_1.plusDays(3));

    @TempDir
    Path home;

    @ParameterizedTest
    @EnumSource(StorePlatform.class)
    void dailyCutsAtEveryMidnightAndOrdersByTenantJobNodeModelAndDay(StorePlatform platform) throws Exception {
        try (MeteringStores stores = MeteringStores.open(platform, home)) {
            Ledger ledger = new Ledger(stores);
            ledger.closed("acme", 7L, "node-b", "A40", 2, at(OCT_15, -1), at(OCT_15.plusDays(3), 0.25));
            ledger.closed("acme", 7L, "node-b", "A40", 1, at(OCT_15.plusDays(1), 6), at(OCT_15.plusDays(1), 7));
            ledger.closed("acme", null, "node-a", "cpu", 1, at(OCT_15, 10), at(OCT_15, 11));
            // From midnight to midnight: one whole day, and nothing on the day it ends.
            ledger.closed("acme", 7L, "node-a", "A40", 1, at(OCT_15.plusDays(1), 0), at(OCT_15.plusDays(2), 0));
            ledger.closed("acme", 8L, "node-a", "A40", 1, at(OCT_15, -26), at(OCT_15, 0));
            ledger.open("globex", 3L, "node-a", "H100", 1, at(OCT_15.plusDays(2), 23));
            long now = at(OCT_15.plusDays(3), 0.5);
            UsageSliceQuery query = new UsageSliceQuery(stores.store().dataSource());
            UsageWindow window = UsageWindow.ofDays(Optional.of(OCT_15), Optional.of(OCT_15.plusDays(3)));

            assertThat(query.daily(window, Optional.empty(), Set.of(UsageDimension.values()), now)).containsExactly(
                    new UsageSlice("acme", null, "node-a", "cpu", OCT_15, HOUR, false),
                    new UsageSlice("acme", 7L, "node-a", "A40", OCT_15.plusDays(1), DAY, false),
                    new UsageSlice("acme", 7L, "node-b", "A40", OCT_15, 2 * DAY, false),
                    new UsageSlice("acme", 7L, "node-b", "A40", OCT_15.plusDays(1), 2 * DAY + HOUR, false),
                    new UsageSlice("acme", 7L, "node-b", "A40", OCT_15.plusDays(2), 2 * DAY, false),
                    new UsageSlice("acme", 7L, "node-b", "A40", OCT_15.plusDays(3), HOUR / 2, false),
                    new UsageSlice("globex", 3L, "node-a", "H100", OCT_15.plusDays(2), HOUR, true),
                    new UsageSlice("globex", 3L, "node-a", "H100", OCT_15.plusDays(3), HOUR / 2, true));
            // One tenant, by model only: the cpu run sorts after A40, each model's days in order.
            assertThat(query.daily(window, Optional.of("acme"), Set.of(), now)).containsExactly(
                    new UsageSlice(null, null, null, "A40", OCT_15, 2 * DAY, false),
                    new UsageSlice(null, null, null, "A40", OCT_15.plusDays(1), 3 * DAY + HOUR, false),
                    new UsageSlice(null, null, null, "A40", OCT_15.plusDays(2), 2 * DAY, false),
                    new UsageSlice(null, null, null, "A40", OCT_15.plusDays(3), HOUR / 2, false),
                    new UsageSlice(null, null, null, "cpu", OCT_15, HOUR, false));
        }
    }

    @ParameterizedTest
    @EnumSource(StorePlatform.class)
    void byPeriodCutsOnlyAtChangeDaysAndARecordOnAnEdgeFallsOnOneSide(StorePlatform platform) throws Exception {
        try (MeteringStores stores = MeteringStores.open(platform, home)) {
            UsageSliceQuery query = october(new Ledger(stores));
            // Stretches from the first record's day (Oct 5), then Oct 7, Oct 10 and Nov 1.
            assertThat(query.byPeriod(UsageWindow.ALL, Optional.empty(), Set.of(UsageDimension.JOB), NOW, CHANGES))
                    .containsExactly(
                            byJob(1L, OCT_5, 2 * (DAY + DAY / 2), false),
                            byJob(1L, OCT_7, 2 * 3 * DAY, false),
                            byJob(1L, OCT_10, 2 * 22 * DAY, false),
                            byJob(1L, NOV_1, 2 * (2 * DAY + 6 * HOUR), false),
                            byJob(2L, OCT_10, 22 * DAY, false),
                            byJob(3L, OCT_7, DAY, false),
                            byJob(4L, OCT_10, HOUR, true),
                            byJob(4L, NOV_1, 3 * DAY, true),
                            byJob(9L, OCT_5, HOUR, false));
        }
    }

    @Test
    void byPeriodStartsAtTheWindowAndDropsChangesOnOrAfterItsEnd() throws Exception {
        try (MeteringStores stores = MeteringStores.open(StorePlatform.SQLITE, home)) {
            UsageSliceQuery query = october(new Ledger(stores));
            // [Oct 7, Nov 1): the change on its first day starts the one stretch; Nov 1 is not in it.
            UsageWindow window = UsageWindow.ofDays(Optional.of(OCT_7), Optional.of(NOV_1.minusDays(1)));
            assertThat(query.byPeriod(window, Optional.empty(), Set.of(UsageDimension.JOB), NOW, CHANGES))
                    .containsExactly(
                            byJob(1L, OCT_7, 2 * 3 * DAY, false),
                            byJob(1L, OCT_10, 2 * 22 * DAY, false),
                            byJob(2L, OCT_10, 22 * DAY, false),
                            byJob(3L, OCT_7, DAY, false),
                            byJob(4L, OCT_10, HOUR, true));
        }
    }

    @Test
    void byPeriodOfOneTenantStartsAtThatTenantsFirstRecord() throws Exception {
        try (MeteringStores stores = MeteringStores.open(StorePlatform.SQLITE, home)) {
            Ledger ledger = new Ledger(stores);
            UsageSliceQuery query = october(ledger);
            ledger.closed("globex", 1L, "node-a", "A40", 1, at(OCT_5.minusDays(4), 0), at(OCT_5.minusDays(4), 1));
            // acme's first record starts on Oct 5; globex's, on Oct 1, does not move acme's first stretch.
            assertThat(query.byPeriod(UsageWindow.ALL, Optional.of("acme"), Set.of(), NOW, List.of(OCT_10)))
                    .containsExactly(
                            new UsageSlice(null, null, null, "A40", OCT_5, 2 * (4 * DAY + DAY / 2) + DAY + HOUR, false),
                            new UsageSlice(null, null, null, "A40", OCT_10, 2 * (24 * DAY + 6 * HOUR) + 22 * DAY
                                    + 3 * DAY + HOUR, true));
            assertThat(query.byPeriod(UsageWindow.ALL, Optional.of("initech"), Set.of(), NOW, CHANGES)).isEmpty();
        }
    }

    @Test
    void byPeriodCutsAtEveryNewYearUpToNow() throws Exception {
        try (MeteringStores stores = MeteringStores.open(StorePlatform.SQLITE, home)) {
            Ledger ledger = new Ledger(stores);
            LocalDate newYear2025 = LocalDate.parse("2025-01-01");
            LocalDate newYear2026 = LocalDate.parse("2026-01-01");
            ledger.closed("acme", 1L, "node-a", "A40", 1, at(newYear2025, -12), at(newYear2026, 12));
            ledger.closed("acme", 2L, "node-a", "A40", 1, at(newYear2026, 1), at(newYear2026, 2));
            UsageSliceQuery query = new UsageSliceQuery(stores.store().dataSource());
            assertThat(query.byPeriod(UsageWindow.ALL, Optional.empty(), Set.of(), at(newYear2026, 13), List.of()))
                    .containsExactly(
                            new UsageSlice(null, null, null, "A40", newYear2025.minusDays(1), 12 * HOUR, false),
                            new UsageSlice(null, null, null, "A40", newYear2025, 365 * DAY, false),
                            new UsageSlice(null, null, null, "A40", newYear2026, 13 * HOUR, false));
            // Read from a January: the next New Year still cuts.
            UsageWindow fromJanuary = UsageWindow.ofDays(Optional.of(newYear2025.plusDays(9)), Optional.empty());
            assertThat(query.byPeriod(fromJanuary, Optional.empty(), Set.of(), at(newYear2026, 13), List.of()))
                    .containsExactly(
                            new UsageSlice(null, null, null, "A40", newYear2025.plusDays(9), 356 * DAY, false),
                            new UsageSlice(null, null, null, "A40", newYear2026, 13 * HOUR, false));
        }
    }

    @Test
    void anEmptyLedgerOrAWindowBeforeTheFirstRecordReadsNothing() throws Exception {
        try (MeteringStores stores = MeteringStores.open(StorePlatform.SQLITE, home)) {
            UsageSliceQuery query = new UsageSliceQuery(stores.store().dataSource());
            assertThat(query.byPeriod(UsageWindow.ALL, Optional.empty(), Set.of(), NOW, CHANGES)).isEmpty();
            assertThat(query.daily(UsageWindow.ALL, Optional.empty(), Set.of(), NOW)).isEmpty();
            october(new Ledger(stores));
            UsageWindow untilOct5 = UsageWindow.ofDays(Optional.empty(), Optional.of(OCT_5.minusDays(1)));
            assertThat(query.byPeriod(untilOct5, Optional.empty(), Set.of(), NOW, CHANGES)).isEmpty();
            assertThat(query.daily(untilOct5, Optional.empty(), Set.of(), NOW)).isEmpty();
        }
    }

    @Test
    void notesNameAnUnknownTenantAndATenantWithNothingInTheWindow() throws Exception {
        try (MeteringStores stores = MeteringStores.open(StorePlatform.SQLITE, home)) {
            UsageSliceQuery query = october(new Ledger(stores));
            assertThat(query.knowsTenant("acme")).isTrue();
            assertThat(query.knowsTenant("initech")).isFalse();
            assertThat(query.notesFor(Optional.of("acme"), true)).containsExactly(
                    "no usage by tenant 'acme' in this period");
            assertThat(query.notesFor(Optional.of("initech"), true)).containsExactly(
                    "no usage recorded for tenant 'initech' (unknown tenant)");
            assertThat(query.notesFor(Optional.of("acme"), false)).isEmpty();
            assertThat(query.notesFor(Optional.empty(), true)).isEmpty();
        }
    }

    /**
     * Tenant acme, A40 on node-a: job 1 (2 devices) from Oct 5 12:00 to Nov 3 06:00; job 2 exactly from
     * the Oct 10 change to the Nov 1 change; job 3 for the day that ends at the Oct 10 change; job 4 open
     * from Oct 31 23:00. Job 9 ran for an hour on the first record's day.
     */
    private static UsageSliceQuery october(Ledger ledger) {
        ledger.closed("acme", 1L, "node-a", "A40", 2, at(OCT_5, 12), at(NOV_1.plusDays(2), 6));
        ledger.closed("acme", 2L, "node-a", "A40", 1, at(OCT_10, 0), at(NOV_1, 0));
        ledger.closed("acme", 3L, "node-a", "A40", 1, at(OCT_10, -24), at(OCT_10, 0));
        ledger.open("acme", 4L, "node-a", "A40", 1, at(NOV_1, -1));
        ledger.closed("acme", 9L, "node-a", "A40", 1, at(OCT_5, 20), at(OCT_5, 21));
        return new UsageSliceQuery(ledger.stores.store().dataSource());
    }

    private static UsageSlice byJob(long job, LocalDate day, long deviceMs, boolean open) {
        return new UsageSlice(null, job, null, "A40", day, deviceMs, open);
    }

    /** {@code hours} (may be negative or fractional) after midnight of {@code day}. */
    private static long at(LocalDate day, double hours) {
        return UsageWindow.midnight(day) + Math.round(hours * HOUR);
    }

    /** Writes records through the ledger, as the pool does, at the times given. */
    private static final class Ledger {

        private final MeteringStores stores;
        private final MutableClock clock = new MutableClock(0);
        private final UsageLedger ledger;
        private int leases;

        Ledger(MeteringStores stores) {
            this.stores = stores;
            this.ledger = new UsageLedger(stores.store(), clock);
        }

        long open(String tenant, Long job, String node, String model, int devices, long startMs) {
            return ledger.open(model.equals("cpu") ? UsageStart.cpu(tenant, job, node, startMs)
                    : UsageStart.lease(tenant, job, "lease-" + ++leases, node, model, devices, startMs));
        }

        void closed(String tenant, Long job, String node, String model, int devices, long startMs, long endMs) {
            long id = open(tenant, job, node, model, devices, startMs);
            clock.set(endMs);
            ledger.close(id, UsageOutcome.COMPLETED);
        }
    }
}
