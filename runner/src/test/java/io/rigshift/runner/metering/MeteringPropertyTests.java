package io.rigshift.runner.metering;

import io.rigshift.runner.node.ProcessIdentity;

import static org.assertj.core.api.Assertions.assertThat;

import io.rigshift.runner.metering.billing.Charge;
import io.rigshift.runner.metering.billing.Charges;
import io.rigshift.runner.metering.focus.FocusExport;
import io.rigshift.runner.metering.invoice.Invoice;
import io.rigshift.runner.metering.rates.Rate;
import io.rigshift.runner.metering.rates.RateCard;
import io.rigshift.runner.metering.rates.RateCardStore;
import io.rigshift.runner.metering.rates.RateConflictException;
import io.rigshift.runner.metering.report.UsageSlice;
import io.rigshift.runner.metering.report.UsageSliceQuery;
import io.rigshift.runner.metering.report.UsageGrouping;
import io.rigshift.runner.metering.report.UsageReport;
import io.rigshift.runner.metering.report.UsageWindow;
import io.rigshift.runner.store.StorePlatform;
import java.io.PrintWriter;
import java.io.StringReader;
import java.io.StringWriter;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Currency;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.TreeMap;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Random leases, crashes and rate changes against a brute-force oracle that prices every second of
 * every record on its own (all test times are whole seconds, so one-second buckets are exact), in
 * plain BigDecimal: rate × device-milliseconds summed, divided by 3,600,000 and rounded HALF_EVEN
 * to the cent only for amounts billed.
 */
class MeteringPropertyTests {

    private static final long DAY = 86_400_000L;
    private static final LocalDate FIRST_DAY = LocalDate.of(2026, 1, 29);
    private static final long BASE = UsageWindow.midnight(FIRST_DAY);
    private static final int SPAN_DAYS = 5; // 2026-01-29 .. 2026-02-02: crosses a month end
    private static final long NOW = BASE + SPAN_DAYS * DAY - 3_600_000L;
    private static final Currency USD = Currency.getInstance("USD");
    private static final String[] TENANTS = {"acme", "globex", "initech"};
    private static final String[] MODELS = {"A40", "H100", "cpu"};
    private static final String[] NODES = {"node-a", "node-b"};

    private static final BigDecimal MS_PER_HOUR = BigDecimal.valueOf(3_600_000L);

    @TempDir
    Path home;

    /** What the oracle priced over all trials: a run that priced nothing proves nothing. */
    private BigDecimal pricedTotal = BigDecimal.ZERO;

    @ParameterizedTest(name = "{0}: {1} trials")
    @CsvSource({"SQLITE, 250, 11", "POSTGRESQL, 120, 12"})
    void ledgerCostsEqualPerSecondOracleAndAllGroupingsAgree(StorePlatform platform, int trials, long seed)
            throws Exception {
        Random random = new Random(seed);
        int records = 0;
        try (MeteringStores stores = MeteringStores.open(platform, home)) {
            for (int trial = 0; trial < trials; trial++) {
                stores.clear();
                records += trial(stores, random, trial);
            }
        }
        assertThat(pricedTotal).as("rate x device-ms priced over all trials").isPositive();
        System.out.println("MeteringPropertyTests " + platform + ": " + trials + " trials, " + records
                + " usage records, all equal to the per-second oracle");
    }

    /** A usage record as the oracle sees it: billed [start, end). */
    private record Billed(String tenant, Long job, String node, String model, int devices, long start, long end) {
    }

    private int trial(MeteringStores stores, Random random, int trial) {
        RateCardStore rateStore = new RateCardStore(stores.store());
        List<Rate> accepted = new ArrayList<>();
        for (String model : MODELS) {
            int count = random.nextInt(4);
            for (int i = 0; i < count; i++) {
                LocalDate from = FIRST_DAY.plusDays(random.nextInt(SPAN_DAYS + 2) - 2);
                Optional<LocalDate> to = random.nextInt(3) == 0 ? Optional.of(from.plusDays(random.nextInt(3)))
                        : Optional.empty();
                BigDecimal price = BigDecimal.valueOf(random.nextInt(500_000), random.nextInt(5));
                Rate rate = new Rate(model, price, USD, from, to);
                try {
                    rateStore.add(rate);
                    accepted.add(rate);
                } catch (RateConflictException refused) {
                    // The card refuses overlaps only, and the oracle prices with what it accepted; a model's
                    // first rate on the emptied card overlaps nothing.
                    assertThat(i).as("first rate refused: " + refused.getMessage()).isPositive();
                }
            }
        }
        RateCard card = rateStore.load();
        assertThat(card.rates()).hasSize(accepted.size());

        MutableClock clock = new MutableClock(BASE);
        // Holders of another host: only their heartbeats tell whether they live, as for crashed holders.
        UsageLedger ledger = new UsageLedger(stores.store().dataSource(), clock, new ProcessIdentity("another-host", 1, 0));
        List<Billed> billed = new ArrayList<>();
        int count = 1 + random.nextInt(18);
        int leftForReaper = 0;
        for (int i = 0; i < count; i++) {
            String tenant = TENANTS[random.nextInt(TENANTS.length)];
            Long job = random.nextInt(6) == 0 ? null : (long) (1 + random.nextInt(6));
            String node = NODES[random.nextInt(NODES.length)];
            String model = MODELS[random.nextInt(MODELS.length)];
            int devices = model.equals("cpu") ? 1 : 1 + random.nextInt(8);
            long start = BASE + seconds(random, (NOW - BASE) / 1000 - 600);
            // Ends stay five minutes below NOW, so that the stale reaper below sees them as stale.
            long end = Math.min(NOW - 300_000, start + 1000 + seconds(random, 30 * 3600));
            String lease = model.equals("cpu") ? null : "lease-" + trial + "-" + i;
            clock.set(start);
            long id = ledger.open(new UsageStart(tenant, job, lease, node, model, devices, start));
            int fate = random.nextInt(6);
            long billedEnd = end;
            if (fate <= 1) { // ends normally at `end`
                clock.set(start + (end - start) / 2);
                assertThat(ledger.heartbeat(id)).isTrue();
                clock.set(end);
                assertThat(ledger.close(id, fate == 0 ? UsageOutcome.COMPLETED : UsageOutcome.STOPPED)).isTrue();
            } else if (fate <= 4) { // crashes after its last heartbeat at `end`
                clock.set(end);
                assertThat(ledger.heartbeat(id)).isTrue();
                clock.set(end + 1000 + seconds(random, 29));
                if (fate == 2) {
                    assertThat(ledger.closeAtLastHeartbeat(id, UsageOutcome.FAILED)).isTrue();
                } else if (fate == 3 && lease != null) {
                    assertThat(ledger.closeReclaimedLease(lease)).isTrue();
                    assertThat(ledger.closeReclaimedLease(lease)).isFalse();
                } else {
                    leftForReaper++;
                }
            } else { // still running at NOW
                clock.set(NOW);
                assertThat(ledger.heartbeat(id)).isTrue();
                billedEnd = NOW;
            }
            if (fate <= 3 && !(fate == 3 && lease == null)) {
                clock.set(NOW);
                assertThat(ledger.close(id, UsageOutcome.COMPLETED)).as("second close").isFalse();
                assertThat(ledger.heartbeat(id)).as("heartbeat after close").isFalse();
            }
            billed.add(new Billed(tenant, job, node, model, devices, start, billedEnd));
        }
        clock.set(NOW);
        assertThat(ledger.closeStale(Duration.ofMinutes(2))).isEqualTo(leftForReaper);

        verify(stores, random, card, accepted, billed);
        return count;
    }

    private void verify(MeteringStores stores, Random random, RateCard card, List<Rate> accepted, List<Billed> billed) {
        UsageSliceQuery query = new UsageSliceQuery(stores.store().dataSource());
        UsageWindow window = UsageWindow.ALL;
        if (random.nextInt(3) > 0) {
            LocalDate from = FIRST_DAY.plusDays(random.nextInt(SPAN_DAYS + 1) - 1);
            window = UsageWindow.ofDays(Optional.of(from), Optional.of(from.plusDays(random.nextInt(4))));
        }
        Oracle oracle = new Oracle(accepted, window);
        billed.forEach(oracle::price);

        ExactCost firstTotal = null;
        for (UsageGrouping grouping : UsageGrouping.values()) {
            // Every grouping both ways: split at every midnight, and split only at rate changes (not by day).
            List<List<UsageSlice>> reads = new ArrayList<>();
            reads.add(query.daily(window, Optional.empty(), grouping.dimensions(), NOW));
            if (grouping != UsageGrouping.day) {
                reads.add(query.byPeriod(window, Optional.empty(), grouping.dimensions(), NOW, card.changeDays()));
            }
            for (List<UsageSlice> usage : reads) {
                UsageReport report = UsageReport.of(window, grouping, usage, card, List.of());
                Map<String, Long> ms = new TreeMap<>();
                Map<String, String> cost = new TreeMap<>();
                for (UsageReport.Row row : report.rows()) {
                    ms.put(row.key(), row.deviceMs());
                    cost.put(row.key(), plain(row.cost().rateTimesDeviceMs()));
                }
                assertThat(ms).as("device-ms by " + grouping).isEqualTo(oracle.deviceMs.get(grouping));
                assertThat(cost).as("rate x device-ms by " + grouping).isEqualTo(plain(oracle.cost.get(grouping)));
                assertThat(report.totalDeviceMs()).isEqualTo(oracle.totalMs);
                if (firstTotal != null) {
                    assertThat(report.totalCost()).as("total by " + grouping).isEqualTo(firstTotal);
                }
                firstTotal = report.totalCost();
            }
        }

        // Billing over everything: charges, invoices and FOCUS agree with each other and with the oracle.
        Oracle all = new Oracle(accepted, UsageWindow.ALL);
        billed.forEach(all::price);
        List<Charge> charges = Charges.of(query.daily(UsageWindow.ALL, Optional.empty(), Charges.DIMENSIONS, NOW), card);
        Map<String, BigDecimal> chargeAmounts = new TreeMap<>();
        for (Charge charge : charges) {
            chargeAmounts.put(chargeKey(charge.tenant(), charge.month(), charge.deviceModel(), charge.jobExecutionId(),
                    charge.rate().map(Rate::from).orElse(null)), charge.amount(USD));
        }
        Map<String, BigDecimal> expectedAmounts = new TreeMap<>();
        all.chargeCost.forEach((k, v) -> expectedAmounts.put(k, v.divide(MS_PER_HOUR, 2, RoundingMode.HALF_EVEN)));
        assertThat(chargeAmounts).isEqualTo(expectedAmounts);
        pricedTotal = pricedTotal.add(all.chargeCost.values().stream().reduce(BigDecimal.ZERO, BigDecimal::add));

        Map<String, BigDecimal> invoiced = new TreeMap<>();
        for (String tenant : TENANTS) {
            BigDecimal sum = BigDecimal.ZERO;
            for (YearMonth month : List.of(YearMonth.of(2026, 1), YearMonth.of(2026, 2))) {
                UsageWindow period = UsageWindow.ofMonth(month);
                Invoice invoice = Invoice.of(tenant, month,
                        query.daily(period, Optional.of(tenant), Charges.DIMENSIONS, NOW), card, NOW, List.of());
                BigDecimal expected = expectedAmounts.entrySet().stream()
                        .filter(e -> e.getKey().startsWith(tenant + "|" + month + "|"))
                        .map(Map.Entry::getValue).reduce(BigDecimal.ZERO, BigDecimal::add);
                assertThat(invoice.total()).as("invoice " + tenant + " " + month).isEqualByComparingTo(expected);
                sum = sum.add(invoice.total());
            }
            invoiced.put(tenant, sum);
        }
        StringWriter focus = new StringWriter();
        FocusExport.write(charges, USD, NOW, new PrintWriter(focus));
        Map<String, BigDecimal> exported = new TreeMap<>();
        for (String tenant : TENANTS) {
            exported.put(tenant, BigDecimal.ZERO);
        }
        try {
            for (CSVRecord row : CSVFormat.DEFAULT.builder().setHeader().build().parse(new StringReader(focus.toString()))) {
                exported.merge(row.get("SubAccountId"), new BigDecimal(row.get("BilledCost")), BigDecimal::add);
            }
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        for (String tenant : TENANTS) {
            assertThat(exported.get(tenant)).as("FOCUS billed " + tenant).isEqualByComparingTo(invoiced.get(tenant));
        }
    }

    /** Exact values compared as plain text, whatever their scale. */
    private static String plain(BigDecimal exact) {
        return exact.stripTrailingZeros().toPlainString();
    }

    private static Map<String, String> plain(Map<String, BigDecimal> exact) {
        Map<String, String> plain = new TreeMap<>();
        exact.forEach((k, v) -> plain.put(k, plain(v)));
        return plain;
    }

    private static String chargeKey(String tenant, YearMonth month, String model, Long job, LocalDate rateFrom) {
        return tenant + "|" + month + "|" + model + "|" + job + "|" + rateFrom;
    }

    /** Prices every second of every billed record on its own, from the rates the card accepted. */
    private static final class Oracle {
        final Map<UsageGrouping, Map<String, Long>> deviceMs = new HashMap<>();
        /** Rate x device-milliseconds, exact (not yet divided by an hour's milliseconds). */
        final Map<UsageGrouping, Map<String, BigDecimal>> cost = new HashMap<>();
        final Map<String, BigDecimal> chargeCost = new TreeMap<>();
        long totalMs;
        private final List<Rate> rates;
        private final UsageWindow window;
        private final long[] fromMs;
        private final long[] endMs;

        Oracle(List<Rate> rates, UsageWindow window) {
            this.rates = rates;
            this.window = window;
            this.fromMs = new long[rates.size()];
            this.endMs = new long[rates.size()];
            for (int i = 0; i < rates.size(); i++) {
                fromMs[i] = UsageWindow.midnight(rates.get(i).from());
                endMs[i] = rates.get(i).to().map(to -> UsageWindow.midnight(to.plusDays(1))).orElse(Long.MAX_VALUE);
            }
            for (UsageGrouping grouping : UsageGrouping.values()) {
                deviceMs.put(grouping, new TreeMap<>());
                cost.put(grouping, new TreeMap<>());
            }
        }

        /** The rate in force at instant t, found the slow way: the latest start at or before t, unless ended. */
        private int rateAt(String model, long t) {
            int best = -1;
            for (int i = 0; i < rates.size(); i++) {
                if (rates.get(i).deviceModel().equals(model) && fromMs[i] <= t
                        && (best < 0 || fromMs[i] > fromMs[best])) {
                    best = i;
                }
            }
            return best >= 0 && t >= endMs[best] ? -1 : best;
        }

        void price(Billed record) {
            // Every second is priced on its own; runs of equal (day, rate) are only counted together.
            Map<List<Object>, Long> seconds = new HashMap<>();
            long runDay = Long.MIN_VALUE;
            int runRate = -2;
            long runLength = 0;
            for (long t = record.start(); t < record.end(); t += 1000) {
                if (t < window.fromMs() || t >= window.toMs()) {
                    continue;
                }
                long day = Math.floorDiv(t, DAY);
                int rate = rateAt(record.model(), t);
                if (day != runDay || rate != runRate) {
                    if (runLength > 0) {
                        seconds.merge(List.of(runDay, runRate), runLength, Long::sum);
                    }
                    runDay = day;
                    runRate = rate;
                    runLength = 0;
                }
                runLength++;
            }
            if (runLength > 0) {
                seconds.merge(List.of(runDay, runRate), runLength, Long::sum);
            }
            seconds.forEach((key, count) -> {
                LocalDate day = LocalDate.ofEpochDay((Long) key.get(0));
                int index = (Integer) key.get(1);
                Optional<Rate> rate = index < 0 ? Optional.empty() : Optional.of(rates.get(index));
                long ms = count * 1000L * record.devices();
                BigDecimal c = rate.map(Rate::perDeviceHour).orElse(BigDecimal.ZERO).multiply(BigDecimal.valueOf(ms));
                add(UsageGrouping.tenant, record.tenant(), ms, c);
                add(UsageGrouping.job, record.job() == null ? "none" : record.job().toString(), ms, c);
                add(UsageGrouping.model, record.model(), ms, c);
                add(UsageGrouping.node, record.node(), ms, c);
                add(UsageGrouping.day, day.toString(), ms, c);
                totalMs += ms;
                chargeCost.merge(chargeKey(record.tenant(), YearMonth.from(day), record.model(), record.job(),
                        rate.map(Rate::from).orElse(null)), c, BigDecimal::add);
            });
        }

        private void add(UsageGrouping grouping, String key, long ms, BigDecimal c) {
            deviceMs.get(grouping).merge(key, ms, Long::sum);
            cost.get(grouping).merge(key, c, BigDecimal::add);
        }
    }

    private static long seconds(Random random, long maxSeconds) {
        return 1000L * (long) (random.nextDouble() * maxSeconds);
    }
}
