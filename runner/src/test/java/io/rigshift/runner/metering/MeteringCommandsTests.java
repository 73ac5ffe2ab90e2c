package io.rigshift.runner.metering;

import io.rigshift.runner.node.ProcessIdentity;

import static org.assertj.core.api.Assertions.assertThat;

import io.rigshift.runner.cli.Cli;
import io.rigshift.runner.store.RigshiftHome;
import io.rigshift.runner.store.Store;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import io.rigshift.runner.metering.report.UsageWindow;
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
    void closedMonthInvoiceIsByteStableAndAddsUpItsRoundedLines() {
        assertThat(rigshift("rates", "set", "--model", "A40", "--per-device-hour", "1.10", "--currency", "USD",
                "--from", "2025-10-01").exit()).isZero();
        assertThat(rigshift("rates", "set", "--model", "A40", "--per-device-hour", "1.25", "--currency", "USD",
                "--from", "2025-10-16").exit()).isZero();
        long oct15 = UsageWindow.midnight(LocalDate.parse("2025-10-15"));
        try (Store store = Store.open(new RigshiftHome(home), Optional.empty())) {
            MutableClock clock = new MutableClock(oct15 + 20 * HOUR);
            // Holders of another host: only their heartbeats tell whether they live, as for crashed holders.
        UsageLedger ledger = new UsageLedger(store.dataSource(), clock, new ProcessIdentity("another-host", 1, 0));
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
