package io.rigshift.runner.metering;

import io.rigshift.runner.metering.rates.Rate;
import io.rigshift.runner.metering.rates.RateCard;
import io.rigshift.runner.metering.rates.RateCardStore;
import io.rigshift.runner.metering.report.UsageSliceQuery;
import io.rigshift.runner.metering.report.UsageGrouping;
import io.rigshift.runner.metering.report.UsageReport;
import io.rigshift.runner.metering.report.UsageWindow;
import io.rigshift.runner.store.StorePlatform;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Clock;
import java.time.LocalDate;
import java.util.Currency;
import java.util.List;
import java.util.Optional;
import java.util.Random;

/**
 * Loads 1,000,000 ledger rows into SQLite and PostgreSQL and times {@code usage --by tenant} and
 * {@code --by day} over all of them (query, split and pricing: everything but printing), and the cost
 * of one heartbeat. Not a test: run it by hand (see the package documentation for the command).
 * Arguments: [rows] [platform...]; defaults 1000000 SQLITE POSTGRESQL.
 */
public final class UsageBenchmark {

    private static final long YEAR_START = UsageWindow.midnight(LocalDate.parse("2025-01-01"));
    private static final String[] MODELS = {"A40", "H100", "L4", "cpu"};

    public static void main(String[] args) throws Exception {
        int rows = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        List<StorePlatform> platforms = args.length > 1
                ? List.of(args).subList(1, args.length).stream().map(StorePlatform::valueOf).toList()
                : List.of(StorePlatform.SQLITE, StorePlatform.POSTGRESQL);
        for (StorePlatform platform : platforms) {
            Path home = Files.createTempDirectory("rigshift-metering-bench");
            try (MeteringStores stores = MeteringStores.open(platform, home)) {
                run(platform, stores, rows);
            } finally {
                try (var files = Files.walk(home)) {
                    files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
                }
            }
        }
    }

    private static void run(StorePlatform platform, MeteringStores stores, int rows) throws Exception {
        long loadStart = System.nanoTime();
        load(stores, rows);
        System.out.printf("%s: loaded %,d rows in %.1f s%n", platform, rows, (System.nanoTime() - loadStart) / 1e9);
        RateCardStore rates = new RateCardStore(stores.store());
        Currency usd = Currency.getInstance("USD");
        rates.add(new Rate("A40", new BigDecimal("1.10"), usd, LocalDate.parse("2025-01-01"), Optional.empty()));
        rates.add(new Rate("A40", new BigDecimal("1.25"), usd, LocalDate.parse("2025-07-01"), Optional.empty()));
        rates.add(new Rate("H100", new BigDecimal("3.20"), usd, LocalDate.parse("2025-01-01"), Optional.empty()));
        RateCard card = rates.load();
        UsageSliceQuery query = new UsageSliceQuery(stores.store().dataSource());
        long now = YEAR_START + 400L * 86_400_000L;
        for (UsageGrouping grouping : List.of(UsageGrouping.tenant, UsageGrouping.day)) {
            for (int round = 1; round <= 3; round++) {
                long t0 = System.nanoTime();
                UsageReport report = UsageReport.of(UsageWindow.ALL, grouping,
                        (grouping == UsageGrouping.day ? query.daily(UsageWindow.ALL, Optional.empty(), grouping.dimensions(), now)
                                : query.byPeriod(UsageWindow.ALL, Optional.empty(), grouping.dimensions(), now, card.changeDays())), card, List.of());
                System.out.printf("%s: usage --by %s (all %,d rows): %d ms, %d report rows, %s device-hours (run %d)%n",
                        platform, grouping, rows, (System.nanoTime() - t0) / 1_000_000, report.rows().size(),
                        io.rigshift.runner.metering.BillingFigures.deviceHours(report.totalDeviceMs()), round);
            }
        }
        UsageWindow month = UsageWindow.ofMonth(java.time.YearMonth.of(2025, 6));
        long t0 = System.nanoTime();
        query.daily(month, Optional.of("tenant-07"), UsageGrouping.job.dimensions(), now);
        System.out.printf("%s: one tenant's month (invoice query): %d ms%n", platform, (System.nanoTime() - t0) / 1_000_000);

        UsageLedger ledger = new UsageLedger(stores.store(), Clock.systemUTC());
        long id = ledger.open(UsageStart.lease("bench", 1L, "bench-lease", "node-00", "A40", 2, System.currentTimeMillis()));
        int calls = 2_000;
        for (int i = 0; i < 200; i++) {
            ledger.heartbeat(id);
        }
        long h0 = System.nanoTime();
        for (int i = 0; i < calls; i++) {
            ledger.heartbeat(id);
        }
        System.out.printf("%s: heartbeat: %.0f us per call (%,d calls, each its own committed UPDATE)%n",
                platform, (System.nanoTime() - h0) / 1e3 / calls, calls);
    }

    private static void load(MeteringStores stores, int rows) throws Exception {
        Random random = new Random(42);
        try (Connection connection = stores.store().dataSource().getConnection()) {
            connection.setAutoCommit(false);
            try (PreparedStatement insert = connection.prepareStatement("INSERT INTO usage_record (tenant, "
                    + "job_execution_id, lease_id, node, device_model, device_count, start_ms, end_ms, "
                    + "last_heartbeat_ms, outcome, owner_host, owner_pid) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                for (int i = 0; i < rows; i++) {
                    String model = MODELS[random.nextInt(MODELS.length)];
                    long start = YEAR_START + (long) (random.nextDouble() * 365L * 86_400_000L);
                    long end = start + 60_000L + (long) (random.nextDouble() * 48 * 3_600_000L);
                    boolean open = i % 10_000 == 0;
                    insert.setString(1, String.format("tenant-%02d", random.nextInt(50)));
                    insert.setLong(2, i / 3);
                    insert.setString(3, model.equals("cpu") ? null : "lease-" + i);
                    insert.setString(4, String.format("node-%02d", random.nextInt(20)));
                    insert.setString(5, model);
                    insert.setInt(6, model.equals("cpu") ? 1 : 1 + random.nextInt(8));
                    insert.setLong(7, start);
                    if (open) {
                        insert.setNull(8, java.sql.Types.BIGINT);
                    } else {
                        insert.setLong(8, end);
                    }
                    insert.setLong(9, open ? start : end);
                    insert.setString(10, open ? "open" : "completed");
                    insert.setString(11, "bench-host");
                    insert.setLong(12, 1);
                    insert.addBatch();
                    if (i % 5_000 == 4_999) {
                        insert.executeBatch();
                        connection.commit();
                    }
                }
                insert.executeBatch();
                connection.commit();
            }
            connection.setAutoCommit(true);
            try (var statement = connection.createStatement()) {
                statement.execute("ANALYZE");
            }
        }
    }
}
