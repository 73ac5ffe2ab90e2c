package io.rigshift.runner.metering;

import static org.assertj.core.api.Assertions.assertThat;

import io.rigshift.runner.metering.rates.Rate;
import io.rigshift.runner.metering.rates.RateCard;
import io.rigshift.runner.metering.report.UsageFormat;
import io.rigshift.runner.metering.report.UsageGrouping;
import io.rigshift.runner.metering.report.UsageReport;
import io.rigshift.runner.metering.report.UsageReportWriter;
import io.rigshift.runner.metering.report.UsageSlice;
import io.rigshift.runner.metering.report.UsageWindow;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Currency;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Usage reports written out in full: rows, totals, the running mark, notes and the window's ends. */
class UsageReportWriterTests {

    private static final LocalDate OCT_15 = LocalDate.parse("2025-10-15");
    private static final RateCard CARD = new RateCard(List.of(new Rate("A40", new BigDecimal("1.10"),
            Currency.getInstance("USD"), LocalDate.parse("2025-10-01"), Optional.empty())));
    private static final UsageWindow OCT_15_ONLY = UsageWindow.ofDays(Optional.of(OCT_15), Optional.of(OCT_15));

    /** acme: 8 A40-hours, closed; globex: 1 h 0.001 s of A40, still running. */
    private static UsageReport report(UsageWindow window) {
        return UsageReport.of(window, UsageGrouping.tenant, List.of(
                new UsageSlice("globex", null, null, "A40", OCT_15, 3_600_001, true),
                new UsageSlice("acme", null, null, "A40", OCT_15, 28_800_000, false)), CARD, List.of("a note"));
    }

    private static String write(UsageReport report, UsageFormat format, long nowMs) {
        return Printed.by(out -> UsageReportWriter.write(report, format, nowMs, out));
    }

    @Test
    void tableMarksRunningRowsAndNamesTheWindowsEnds() {
        long later = OCT_15_ONLY.toMs() + 1;
        assertThat(write(report(OCT_15_ONLY), UsageFormat.table, later)).isEqualTo("""
            Usage by tenant, 2025-10-15T00:00:00Z to 2025-10-16T00:00:00Z (UTC)
            Note: a note
            TENANT  DEVICE-HOURS  COST (USD)
            acme        8.000000        8.80
            globex      1.000000        1.10  running
            TOTAL       9.000000        9.90  running
            running: includes records still open, counted up to now
            """);
        assertThat(write(report(UsageWindow.ALL), UsageFormat.table, later)).startsWith(
                "Usage by tenant, the first record to now (2025-10-16T00:00:00Z) (UTC)\n");
        // A window that ends right now is over: it ends at its own end, not at now.
        assertThat(write(report(OCT_15_ONLY), UsageFormat.table, OCT_15_ONLY.toMs())).startsWith(
                "Usage by tenant, 2025-10-15T00:00:00Z to 2025-10-16T00:00:00Z (UTC)\n");
        // A window that ends after now ends at now; nothing running, no running line.
        assertThat(write(UsageReport.of(OCT_15_ONLY, UsageGrouping.tenant,
                List.of(new UsageSlice("acme", null, null, "A40", OCT_15, 60_000, false)), CARD, List.of()),
                UsageFormat.table, OCT_15_ONLY.fromMs())).isEqualTo("""
            Usage by tenant, 2025-10-15T00:00:00Z to now (2025-10-15T00:00:00Z) (UTC)
            TENANT  DEVICE-HOURS  COST (USD)
            acme        0.016667        0.02
            TOTAL       0.016667        0.02
            """);
    }

    @Test
    void jsonAndCsvCarryExactMillisecondsAndTheRunningFlag() {
        long later = OCT_15_ONLY.toMs() + 1;
        assertThat(write(report(OCT_15_ONLY), UsageFormat.json, later)).isEqualTo("""
            {
              "by" : "tenant",
              "from" : "2025-10-15T00:00:00Z",
              "to" : "2025-10-16T00:00:00Z",
              "currency" : "USD",
              "rows" : [ {
                "key" : "acme",
                "deviceMs" : 28800000,
                "deviceHours" : "8.000000",
                "cost" : "8.80",
                "running" : false
              }, {
                "key" : "globex",
                "deviceMs" : 3600001,
                "deviceHours" : "1.000000",
                "cost" : "1.10",
                "running" : true
              } ],
              "total" : {
                "deviceMs" : 32400001,
                "deviceHours" : "9.000000",
                "cost" : "9.90",
                "running" : true
              },
              "notes" : [ "a note" ]
            }
            """);
        assertThat(write(report(UsageWindow.ALL), UsageFormat.json, later))
                .contains("\"from\" : \"1970-01-01T00:00:00Z\",\n  \"to\" : \"2025-10-16T00:00:00Z\"");
        assertThat(write(report(OCT_15_ONLY), UsageFormat.csv, later)).isEqualTo("""
            tenant,device_ms,device_hours,cost,currency,running
            acme,28800000,8.000000,8.80,USD,false
            globex,3600001,1.000000,1.10,USD,true
            """);
    }

    @Test
    void jobRowsRunInNumericOrderAfterRunsWithoutAJob() {
        UsageReport byJob = UsageReport.of(OCT_15_ONLY, UsageGrouping.job, List.of(
                new UsageSlice(null, 10L, null, "A40", OCT_15, 3_600_000, false),
                new UsageSlice(null, 9L, null, "A40", OCT_15, 7_200_000, false),
                new UsageSlice(null, null, null, "A40", OCT_15, 3_600_000, false)), CARD, List.of());
        assertThat(write(byJob, UsageFormat.csv, OCT_15_ONLY.toMs())).isEqualTo("""
            job,device_ms,device_hours,cost,currency,running
            none,3600000,1.000000,1.10,USD,false
            9,7200000,2.000000,2.20,USD,false
            10,3600000,1.000000,1.10,USD,false
            """);
    }
}
