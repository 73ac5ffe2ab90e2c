package io.rigshift.runner.metering;

import static org.assertj.core.api.Assertions.assertThat;

import io.rigshift.runner.metering.billing.Charges;
import io.rigshift.runner.metering.focus.FocusExport;
import io.rigshift.runner.metering.rates.Rate;
import io.rigshift.runner.metering.rates.RateCard;
import io.rigshift.runner.metering.rates.RateCardStore;
import io.rigshift.runner.metering.report.UsageSliceQuery;
import io.rigshift.runner.metering.report.UsageWindow;
import io.rigshift.runner.store.StorePlatform;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.Currency;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FocusExportTests {

    /**
     * The header, written out here from the FOCUS 1.1 column IDs (FinOps FOCUS specification, section
     * "Columns"), in the exporter's alphabetical order; the two custom columns carry FOCUS's x_ prefix.
     */
    private static final String FOCUS_HEADER = String.join(",", List.of("BilledCost", "BillingAccountId",
            "BillingAccountName", "BillingCurrency", "BillingPeriodEnd", "BillingPeriodStart", "ChargeCategory",
            "ChargeClass", "ChargeDescription", "ChargeFrequency", "ChargePeriodEnd", "ChargePeriodStart",
            "ConsumedQuantity", "ConsumedUnit", "ContractedCost", "ContractedUnitPrice", "EffectiveCost",
            "InvoiceIssuerName", "ListCost", "ListUnitPrice", "PricingCategory", "PricingQuantity", "PricingUnit",
            "ProviderName", "PublisherName", "RegionId", "RegionName", "ResourceId", "ResourceName", "ResourceType",
            "ServiceCategory", "ServiceName", "SkuId", "SkuPriceId", "SubAccountId", "SubAccountName",
            "x_DeviceMilliseconds", "x_Running"));

    private static final long OCT_30 = UsageWindow.midnight(LocalDate.parse("2025-10-30"));
    private static final long HOUR = 3_600_000L;
    /** While the month runs: the job 44 record is still open. */
    private static final long OCT_30_15H = OCT_30 + 15 * HOUR;

    /** BillingAccountId through ChargeClass (empty), the same in every October row of tenant acme. */
    private static final String OCTOBER = "acme,acme,EUR,2025-11-01T00:00:00Z,2025-10-01T00:00:00Z,Usage,,";
    /** The charge period of usage on October 30 only: ChargeFrequency, ChargePeriodEnd, ChargePeriodStart. */
    private static final String OCT_30_ONLY = ",Usage-Based,2025-10-31T00:00:00Z,2025-10-30T00:00:00Z,";
    private static final String OCT_30_AND_31 = ",Usage-Based,2025-11-01T00:00:00Z,2025-10-30T00:00:00Z,";

    @TempDir
    Path home;

    @Test
    void writesFocusColumnsAndExactRowsRoundingHalfCentTiesToEven() throws Exception {
        String csv = export(OCT_30_15H, Optional.empty());
        // Rounding rule: each charge's exact cost rounded once, HALF_EVEN, to the cent. 1.105 EUR (a tie)
        // goes down to 1.10 and 3.315 EUR (a tie) up to 3.32; 1.105000307 EUR (1 ms more) goes up to 1.11.
        assertThat(csv.lines().toList()).containsExactly(FOCUS_HEADER,
                "1.10," + OCTOBER + a40(41, OCT_30_ONLY, "1.10", "1.000000000") + ",acme,acme,3600000,false",
                "3.32," + OCTOBER + a40(42, OCT_30_ONLY, "3.32", "3.000000000") + ",acme,acme,10800000,false",
                "1.11," + OCTOBER + a40(43, OCT_30_ONLY, "1.11", "1.000000278") + ",acme,acme,3600001,false",
                // 2 devices x (3 h + 1 ms), still open at 15:00: counted up to now, and marked running.
                "6.63," + OCTOBER + a40(44, OCT_30_ONLY, "6.63", "6.000000556") + ",acme,acme,21600002,true",
                // No cpu rate: priced at zero, and said so.
                "0.00," + OCTOBER + "cpu device time of job execution 45 at 0.00 EUR per device-hour (no rate set)"
                        + OCT_30_ONLY + "2.500138889,CPU-Hours,0.00,0.00,0.00,Rigshift,0.00,0.00,Standard,"
                        + "2.500138889,CPU-Hours,Rigshift,Rigshift,,,job-execution/45,job execution 45,Training Job,"
                        + "Compute,Rigshift GPU Pool,cpu,cpu@unpriced,acme,acme,9000500,false");
    }

    @Test
    void runningUsageSplitsAtTheMonthAndOnlyTheOpenPeriodIsRunning() throws Exception {
        long nov2At6 = OCT_30 + 78 * HOUR;
        List<String> rows = export(nov2At6, Optional.empty()).lines().filter(r -> r.contains("job-execution/44")).toList();
        // 2 devices from Oct 30 11:59:59.999: 36 h + 1 ms each in October (over), 30 h each by Nov 2 06:00 (running).
        assertThat(rows).containsExactly(
                "79.56," + OCTOBER + a40(44, OCT_30_AND_31, "79.56", "72.000000556") + ",acme,acme,259200002,false",
                "66.30,acme,acme,EUR,2025-12-01T00:00:00Z,2025-11-01T00:00:00Z,Usage,,"
                        + "A40 device time of job execution 44 at 1.105 EUR per device-hour,Usage-Based,"
                        + "2025-11-03T00:00:00Z,2025-11-01T00:00:00Z,60.000000000,GPU-Hours,66.30,1.105,66.30,"
                        + "Rigshift,66.30,1.105,Standard,60.000000000,GPU-Hours,Rigshift,Rigshift,,,job-execution/44,"
                        + "job execution 44,Training Job,Compute,Rigshift GPU Pool,A40,A40@2025-10-01,acme,acme,"
                        + "216000000,true");
    }

    @Test
    void aChargeWhosePeriodEndsNowIsNoLongerRunning() throws Exception {
        // At Oct 31 00:00 the open record's usage ends with Oct 30, whose charge period ends right now.
        assertThat(export(OCT_30 + 24 * HOUR, Optional.empty()).lines().filter(r -> r.contains("job-execution/44")))
                .containsExactly("26.52," + OCTOBER + a40(44, OCT_30_ONLY, "26.52", "24.000000556")
                        + ",acme,acme,86400002,false");
    }

    @Test
    void reexportingAClosedPeriodGivesIdenticalBytesWhileUsageRunsOn() throws Exception {
        // The job 44 record is still open; October is closed: exporting it later must not change a byte.
        Optional<String> october = Optional.of("2025-10");
        String first = export(OCT_30 + 200 * HOUR, october);
        String later = export(OCT_30 + 900 * HOUR, october);
        assertThat(later).isEqualTo(first);
        assertThat(first).contains(",acme,acme,259200002,false\n").doesNotContain("2025-11-02").doesNotContain("true");
    }

    /** The columns of an October A40 row from ChargeDescription through SubAccountId's comma. */
    private static String a40(long job, String chargePeriod, String amount, String hours) {
        return "A40 device time of job execution " + job + " at 1.105 EUR per device-hour" + chargePeriod + hours
                + ",GPU-Hours," + amount + ",1.105," + amount + ",Rigshift," + amount + ",1.105,Standard," + hours
                + ",GPU-Hours,Rigshift,Rigshift,,,job-execution/" + job + ",job execution " + job
                + ",Training Job,Compute,Rigshift GPU Pool,A40,A40@2025-10-01";
    }

    /** Exports the usage of one month (or all of it) at {@code now}; job 44 runs on from 11:59:59.999. */
    private String export(long now, Optional<String> month) throws Exception {
        try (MeteringStores stores = MeteringStores.open(StorePlatform.SQLITE, home)) {
            stores.clear();
            RateCardStore rates = new RateCardStore(stores.store());
            Currency eur = Currency.getInstance("EUR");
            rates.add(new Rate("A40", new BigDecimal("1.105"), eur, LocalDate.parse("2025-10-01"), Optional.empty()));
            MutableClock clock = new MutableClock(OCT_30 + 10 * HOUR);
            UsageLedger ledger = new UsageLedger(stores.store(), clock);
            long one = ledger.open(UsageStart.lease("acme", 41L, "lease-41", "node-a", "A40", 1, clock.millis()));
            long three = ledger.open(UsageStart.lease("acme", 42L, "lease-42", "node-a", "A40", 3, clock.millis()));
            long plusOneMs = ledger.open(UsageStart.lease("acme", 43L, "lease-43", "node-a", "A40", 1, clock.millis()));
            long cpu = ledger.open(UsageStart.cpu("acme", 45L, "node-a", clock.millis()));
            clock.advance(HOUR);
            ledger.close(one, UsageOutcome.COMPLETED);
            ledger.close(three, UsageOutcome.COMPLETED);
            clock.advance(1);
            ledger.close(plusOneMs, UsageOutcome.COMPLETED);
            ledger.open(UsageStart.lease("acme", 44L, "lease-44", "node-a", "A40", 2, OCT_30 + 12 * HOUR - 1));
            clock.set(OCT_30 + 12 * HOUR + 30 * 60_000 + 500);
            ledger.close(cpu, UsageOutcome.COMPLETED);
            RateCard card = rates.load();
            UsageWindow window = month.map(m -> UsageWindow.ofMonth(YearMonth.parse(m))).orElse(UsageWindow.ALL);
            var charges = Charges.of(new UsageSliceQuery(stores.store().dataSource())
                    .daily(window, Optional.empty(), FocusExport.DIMENSIONS, now), card);
            return Printed.by(out -> FocusExport.write(charges, card.currency(), now, out));
        }
    }
}
