package io.rigshift.runner.metering;

import io.rigshift.runner.node.ProcessIdentity;

import static org.assertj.core.api.Assertions.assertThat;

import io.rigshift.runner.cli.Cli;
import io.rigshift.runner.store.RigshiftHome;
import io.rigshift.runner.store.Store;
import java.io.PrintWriter;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import io.rigshift.runner.metering.report.UsageWindow;
import org.apache.commons.csv.CSVFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class MeteringCommandsTests {

    private static final long HOUR = 3_600_000L;

    @TempDir
    Path home;

    private record Run(int exit, String out, String err) {
    }

    private Run rigshift(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        List<String> all = new ArrayList<>(List.of(args));
        all.add("--home");
        all.add(home.toString());
        int exit = Cli.execute(new PrintWriter(out, true), new PrintWriter(err, true), all.toArray(String[]::new));
        return new Run(exit, out.toString(), err.toString());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "rates set --model A40 --per-device-hour abc --currency USD --from 2026-12-01 | 'abc'",
        "rates set --model A40 --per-device-hour -1.10 --currency USD --from 2026-12-01 | '-1.10'",
        "rates set --model A40 --per-device-hour 1.10 --currency XYZ --from 2026-12-01 | 'XYZ'",
        "rates set --model A40 --per-device-hour 1.10 --currency USD --from 2026-13-01 | '2026-13-01'",
        "rates set --model A40 --per-device-hour 1.10 --currency USD --from 2026-12-01 --to 2026-11-01 | 2026-11-01",
        "usage --from 2026-02-02 --to 2026-02-01 | --from 2026-02-02 is after --to 2026-02-01",
        "usage --from 2026/01/01 | '2026/01/01'",
        "usage --by week | week",
        "usage --format xml | xml",
        "invoice --tenant acme --month 2999-01 | 2999-01",
        "invoice --tenant acme --month 2026-1 | '2026-1'",
        "invoice --tenant acme --month 2026-10 --format pdf | pdf",
        "host report --from 2026-10-02 --to 2026-10-01 | --from 2026-10-02"})
    void badInputExitsTwoWithOneLineNamingTheValue(String command, String named) {
        Run run = rigshift(command.split(" "));
        assertThat(run.exit()).as(run.err()).isEqualTo(2);
        assertThat(run.err().strip()).contains(named).doesNotContain("\n").doesNotContain("Exception");
        assertThat(run.out()).isEmpty();
    }

    @Test
    void overlappingRateIsRefusedWithBothNamed() {
        assertThat(rigshift("rates", "set", "--model", "A40", "--per-device-hour", "1.10", "--currency", "USD",
                "--from", "2026-12-01").exit()).isZero();
        Run again = rigshift("rates", "set", "--model", "A40", "--per-device-hour", "1.20", "--currency", "USD",
                "--from", "2026-12-01");
        assertThat(again.exit()).isEqualTo(2);
        assertThat(again.err()).contains("A40 1.20 USD per device-hour from 2026-12-01")
                .contains("A40 1.10 USD per device-hour from 2026-12-01");
        Run euro = rigshift("rates", "set", "--model", "H100", "--per-device-hour", "3", "--currency", "EUR",
                "--from", "2026-12-01");
        assertThat(euro.exit()).isEqualTo(2);
        assertThat(euro.err()).contains("EUR").contains("USD");
        Run list = rigshift("rates", "list", "--format", "csv");
        assertThat(list.out()).isEqualTo("model,from,to,last_day_in_force,per_device_hour,currency\n"
                + "A40,2026-12-01,,,1.10,USD\n");
    }

    @Test
    void unknownTenantGivesAnEmptyReportWithANote() {
        Run run = rigshift("usage", "--tenant", "nobody");
        assertThat(run.exit()).isZero();
        assertThat(run.out()).contains("no usage recorded for tenant 'nobody'").contains("TOTAL");
        Run json = rigshift("usage", "--tenant", "nobody", "--format", "json");
        assertThat(json.out()).contains("\"rows\" : [ ]").contains("unknown tenant");
    }

    @Test
    void tenantFilterCountsOnlyThatTenantsShareOfOverlappingUsage() throws Exception {
        setA40Rate("1.10", "2025-10-01");
        long oct15 = UsageWindow.midnight(LocalDate.parse("2025-10-15"));
        try (Store store = Store.open(new RigshiftHome(home), Optional.empty())) {
            // One node's A40s, shared: acme 08:00-12:00 (2 devices) and 11:00-11:30, globex 10:00-13:30:00.250.
            meterA40Lease(store, "acme", 7L, 2, oct15 + 8 * HOUR, oct15 + 12 * HOUR);
            meterA40Lease(store, "acme", 8L, 1, oct15 + 11 * HOUR, oct15 + 11 * HOUR + HOUR / 2);
            meterA40Lease(store, "globex", 9L, 1, oct15 + 10 * HOUR, oct15 + 13 * HOUR + HOUR / 2 + 250);
        }
        String october = "--from 2025-10-01 --to 2025-10-31 ";
        String header = "tenant,device_ms,device_hours,cost,currency,running\n";
        // Everyone: 12.000069 device-hours, 13.20 USD. acme: 8 h (2 x 4 h) + 0.5 h at 1.10 = 8.80 + 0.55 = 9.35.
        assertThat(usage(october + "--format csv")).isEqualTo(header
                + "acme,30600000,8.500000,9.35,USD,false\n" + "globex,12600250,3.500069,3.85,USD,false\n");
        assertThat(usage(october + "--format csv --tenant acme"))
                .isEqualTo(header + "acme,30600000,8.500000,9.35,USD,false\n");
        assertThat(usage(october + "--format csv --tenant globex"))
                .isEqualTo(header + "globex,12600250,3.500069,3.85,USD,false\n");
        assertThat(usage(october + "--format csv --tenant acme --by job")).isEqualTo("job,device_ms,device_hours,cost,"
                + "currency,running\n7,28800000,8.000000,8.80,USD,false\n8,1800000,0.500000,0.55,USD,false\n");
        assertThat(focusBilled(usage(october + "--format focus --tenant acme")))
                .containsExactly("acme job-execution/7 8.80", "acme job-execution/8 0.55");
        assertThat(focusBilled(usage(october + "--format focus --tenant globex")))
                .containsExactly("globex job-execution/9 3.85");

        String invoiceHeader = "type,tenant,month,model,job,first_day,last_day,device_ms,device_hours,unit_price,"
                + "currency,amount,running\n";
        assertThat(rigshift("invoice", "--tenant", "acme", "--month", "2025-10", "--format", "csv").out())
                .isEqualTo(invoiceHeader
                        + "line,acme,2025-10,A40,7,2025-10-15,2025-10-15,28800000,8.000000,1.10,USD,8.80,false\n"
                        + "line,acme,2025-10,A40,8,2025-10-15,2025-10-15,1800000,0.500000,1.10,USD,0.55,false\n"
                        + "total,acme,2025-10,,,,,30600000,8.500000,,USD,9.35,false\n");
        assertThat(rigshift("invoice", "--tenant", "globex", "--month", "2025-10", "--format", "csv").out())
                .isEqualTo(invoiceHeader
                        + "line,globex,2025-10,A40,9,2025-10-15,2025-10-15,12600250,3.500069,1.10,USD,3.85,false\n"
                        + "total,globex,2025-10,,,,,12600250,3.500069,,USD,3.85,false\n");
    }

    private void setA40Rate(String perDeviceHour, String from) {
        assertThat(rigshift("rates", "set", "--model", "A40", "--per-device-hour", perDeviceHour, "--currency", "USD",
                "--from", from).exit()).isZero();
    }

    /** Holders of another host: only their heartbeats tell whether they live, as for crashed holders. */
    private static UsageLedger ledgerOfAnotherHost(Store store, MutableClock clock) {
        return new UsageLedger(store.dataSource(), clock, new ProcessIdentity("another-host", 1, 0));
    }

    /** Meters a finished lease of {@code devices} A40s on node-a for job {@code job} over [startMs, endMs). */
    private static void meterA40Lease(Store store, String tenant, long job, int devices, long startMs, long endMs) {
        MutableClock clock = new MutableClock(startMs);
        UsageLedger ledger = ledgerOfAnotherHost(store, clock);
        long record = ledger.open(UsageStart.lease(tenant, job, "l-" + job, "node-a", "A40", devices, startMs));
        clock.set(endMs);
        assertThat(ledger.close(record, UsageOutcome.COMPLETED)).isTrue();
    }

    private String usage(String arguments) {
        Run run = rigshift(("usage " + arguments).split(" "));
        assertThat(run.exit()).as(run.err()).isZero();
        return run.out();
    }

    /** "SubAccountId ResourceId BilledCost" of each FOCUS row. */
    private static List<String> focusBilled(String csv) throws java.io.IOException {
        return CSVFormat.DEFAULT.builder().setHeader().build().parse(new StringReader(csv)).stream()
                .map(row -> row.get("SubAccountId") + " " + row.get("ResourceId") + " " + row.get("BilledCost"))
                .toList();
    }

    @Test
    void closedMonthInvoiceIsByteStableAndAddsUpItsRoundedLines() {
        setA40Rate("1.10", "2025-10-01");
        setA40Rate("1.25", "2025-10-16");
        long oct15 = UsageWindow.midnight(LocalDate.parse("2025-10-15"));
        try (Store store = Store.open(new RigshiftHome(home), Optional.empty())) {
            MutableClock clock = new MutableClock(oct15 + 20 * HOUR);
            UsageLedger ledger = ledgerOfAnotherHost(store, clock);
            long a = ledger.open(UsageStart.lease("acme", 7L, "l-1", "node-a", "A40", 2, clock.millis()));
            long b = ledger.open(UsageStart.cpu("acme", 8L, "node-a", clock.millis()));
            clock.advance(10 * HOUR + 1234); // crosses the rate change at 2025-10-16T00:00Z
            ledger.close(a, UsageOutcome.COMPLETED);
            ledger.close(b, UsageOutcome.COMPLETED);
            // Left open and never heartbeated: the commands reap it at its last heartbeat (its start), billing nothing.
            ledger.open(UsageStart.lease("globex", 9L, "l-2", "node-b", "A40", 1, clock.millis()));
            store.jdbc().update("INSERT INTO pool_node (name, simulated, draining, added_at) VALUES ('node-a', TRUE, FALSE, 0)");
            store.jdbc().update("INSERT INTO pool_device (node, device_index, gpu_model, memory_gib, state) "
                    + "VALUES ('node-a', 0, 'A40', 48, 'available'), ('node-a', 1, 'A40', 48, 'available')");
        }
        for (String format : List.of("text", "csv", "json", "html")) {
            Run first = rigshift("invoice", "--tenant", "acme", "--month", "2025-10", "--format", format);
            Run second = rigshift("invoice", "--tenant", "acme", "--month", "2025-10", "--format", format);
            assertThat(first.exit()).as(first.err()).isZero();
            assertThat(second.out()).as(format).isEqualTo(first.out());
        }
        // 2 x 4 h at 1.10 = 8.80 and 2 x (6 h + 1234 ms) at 1.25 = 15.000857 -> 15.00; cpu unpriced: 0.00
        String text = rigshift("invoice", "--tenant", "acme", "--month", "2025-10").out();
        assertThat(text).contains("8.000000").contains("8.80").contains("12.000686").contains("15.00")
                .contains("TOTAL").contains("23.80").doesNotContain("Provisional");

        Run byDay = rigshift("usage", "--tenant", "acme", "--from", "2025-10-01", "--to", "2025-10-31", "--by", "day",
                "--format", "csv");
        assertThat(byDay.out()).isEqualTo("day,device_ms,device_hours,cost,currency,running\n"
                + "2025-10-15,43200000,12.000000,8.80,USD,false\n"
                + "2025-10-16,64803702,18.001028,15.00,USD,false\n");
        Run focus1 = rigshift("usage", "--from", "2025-10-01", "--to", "2025-10-31", "--format", "focus");
        Run focus2 = rigshift("usage", "--from", "2025-10-01", "--to", "2025-10-31", "--format", "focus");
        assertThat(focus1.out()).isEqualTo(focus2.out()).startsWith("BilledCost,BillingAccountId,");
        assertThat(focus1.out().lines().count()).isEqualTo(4); // header, acme A40 at two rates, acme cpu

        Run host = rigshift("host", "report", "--from", "2025-10-15", "--to", "2025-10-15", "--format", "csv");
        assertThat(host.out()).contains("node-a,A40,8.000000,48.000000,40.000000,16.7");
    }
}
