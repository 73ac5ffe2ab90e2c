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
import java.io.PrintWriter;
import java.io.StringReader;
import java.io.StringWriter;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Currency;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FocusExportTests {

    /** FOCUS 1.1 columns we promise, with their FOCUS data types. */
    private static final List<String> DECIMALS = List.of("BilledCost", "ConsumedQuantity", "ContractedCost",
            "ContractedUnitPrice", "EffectiveCost", "ListCost", "ListUnitPrice", "PricingQuantity");
    private static final List<String> DATETIMES = List.of("BillingPeriodEnd", "BillingPeriodStart",
            "ChargePeriodEnd", "ChargePeriodStart");
    private static final List<String> STRINGS = List.of("BillingAccountId", "BillingAccountName", "BillingCurrency",
            "ChargeCategory", "ChargeClass", "ChargeDescription", "ChargeFrequency", "ConsumedUnit",
            "InvoiceIssuerName", "PricingCategory", "PricingUnit", "ProviderName", "PublisherName", "RegionId",
            "RegionName", "ResourceId", "ResourceName", "ResourceType", "ServiceCategory", "ServiceName", "SkuId",
            "SkuPriceId", "SubAccountId", "SubAccountName");
    private static final String DECIMAL = "-?[0-9]+(\\.[0-9]+)?";
    private static final String DATETIME = "[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}Z";
    private static final long OCT_30 = UsageWindow.midnight(LocalDate.parse("2025-10-30"));
    private static final long HOUR = 3_600_000L;

    @TempDir
    Path home;

    @Test
    void headerAndValuesFollowFocusColumnsAndTypes() throws Exception {
        String csv = export(OCT_30 + 200 * HOUR);
        try (CSVParser parser = CSVFormat.DEFAULT.builder().setHeader().build().parse(new StringReader(csv))) {
            List<String> header = parser.getHeaderNames();
            assertThat(header).containsAll(DECIMALS).containsAll(DATETIMES).containsAll(STRINGS);
            assertThat(header).filteredOn(c -> !DECIMALS.contains(c) && !DATETIMES.contains(c) && !STRINGS.contains(c))
                    .allMatch(c -> c.startsWith("x_"));
            assertThat(header).isEqualTo(FocusExport.COLUMNS);
            List<CSVRecord> rows = parser.getRecords();
            assertThat(rows).hasSize(3); // A40 in October and November (billing periods split at the month), cpu
            for (CSVRecord row : rows) {
                DECIMALS.forEach(c -> assertThat(row.get(c)).as(c).matches(DECIMAL));
                DATETIMES.forEach(c -> assertThat(row.get(c)).as(c).matches(DATETIME));
                assertThat(row.get("ChargeCategory")).isEqualTo("Usage");
                assertThat(row.get("ChargeClass")).isEmpty();
                assertThat(row.get("ChargeFrequency")).isEqualTo("Usage-Based");
                assertThat(row.get("PricingCategory")).isEqualTo("Standard");
                assertThat(row.get("BillingCurrency")).isEqualTo("EUR");
                assertThat(row.get("SubAccountId")).isEqualTo("acme");
                assertThat(row.get("ProviderName")).isEqualTo("Rigshift");
                assertThat(row.get("ServiceCategory")).isIn(Set.of("Compute"));
                Instant chargeStart = Instant.parse(row.get("ChargePeriodStart"));
                Instant chargeEnd = Instant.parse(row.get("ChargePeriodEnd"));
                assertThat(chargeStart).isBefore(chargeEnd);
                assertThat(chargeStart).isAfterOrEqualTo(Instant.parse(row.get("BillingPeriodStart")));
                assertThat(chargeEnd).isBeforeOrEqualTo(Instant.parse(row.get("BillingPeriodEnd")));
                assertThat(new BigDecimal(row.get("BilledCost"))).isEqualByComparingTo(row.get("EffectiveCost"));
                assertThat(new BigDecimal(row.get("PricingQuantity")).multiply(new BigDecimal("3600000")))
                        .isEqualByComparingTo(new BigDecimal(row.get("x_DeviceMilliseconds")));
            }
            CSVRecord october = rows.get(0);
            assertThat(october.get("SkuId")).isEqualTo("A40");
            assertThat(october.get("BillingPeriodStart")).isEqualTo("2025-10-01T00:00:00Z");
            assertThat(october.get("BillingPeriodEnd")).isEqualTo("2025-11-01T00:00:00Z");
            assertThat(october.get("ChargePeriodStart")).isEqualTo("2025-10-30T00:00:00Z");
            assertThat(october.get("ChargePeriodEnd")).isEqualTo("2025-11-01T00:00:00Z");
            // 2 devices x 38 h (Oct 30 10:00 .. Nov 1 00:00) at 1.105 EUR = 83.98 EUR
            assertThat(october.get("PricingQuantity")).isEqualTo("76.000000000");
            assertThat(october.get("ListUnitPrice")).isEqualTo("1.105");
            assertThat(october.get("BilledCost")).isEqualTo("83.98");
            assertThat(october.get("SkuPriceId")).isEqualTo("A40@2025-10-01");
        }
    }

    @Test
    void reexportingAClosedPeriodGivesIdenticalBytesWhileUsageRunsOn() throws Exception {
        // The A40 record is still open; October is closed: exporting it later must not change a byte.
        String first = exportWindow(OCT_30 + 200 * HOUR, "2025-10-01", "2025-10-31");
        String later = exportWindow(OCT_30 + 900 * HOUR, "2025-10-01", "2025-10-31");
        assertThat(later).isEqualTo(first);
        assertThat(first).contains("2025-10-30T00:00:00Z").doesNotContain("2025-11-02");
    }

    private String export(long now) throws Exception {
        return exportWindow(now, null, null);
    }

    private String exportWindow(long now, String from, String to) throws Exception {
        try (MeteringStores stores = MeteringStores.open(StorePlatform.SQLITE, home)) {
            stores.clear();
            RateCardStore rates = new RateCardStore(stores.store());
            Currency eur = Currency.getInstance("EUR");
            rates.add(new Rate("A40", new BigDecimal("1.105"), eur, LocalDate.parse("2025-10-01"), Optional.empty()));
            MutableClock clock = new MutableClock(OCT_30 + 10 * HOUR);
            UsageLedger ledger = new UsageLedger(stores.store(), clock);
            ledger.open(UsageStart.lease("acme", 41L, "lease-1", "node-a", "A40", 2, clock.millis()));
            long cpu = ledger.open(UsageStart.cpu("acme", 42L, "node-a", clock.millis()));
            clock.advance(HOUR);
            ledger.close(cpu, UsageOutcome.COMPLETED);
            RateCard card = rates.load();
            UsageWindow window = UsageWindow.ofDays(Optional.ofNullable(from).map(LocalDate::parse),
                    Optional.ofNullable(to).map(LocalDate::parse));
            StringWriter out = new StringWriter();
            FocusExport.write(Charges.of(new UsageSliceQuery(stores.store().dataSource())
                    .daily(window, Optional.empty(), FocusExport.DIMENSIONS, now), card), card.currency(), now,
                    new PrintWriter(out));
            return out.toString();
        }
    }
}
