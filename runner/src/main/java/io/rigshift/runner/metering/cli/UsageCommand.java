package io.rigshift.runner.metering.cli;

import io.rigshift.runner.cli.ExitCodes;
import io.rigshift.runner.cli.UsageException;
import io.rigshift.runner.cli.HomeOptions;
import io.rigshift.runner.metering.UsageLedger;
import io.rigshift.runner.metering.billing.Charges;
import io.rigshift.runner.metering.focus.FocusExport;
import io.rigshift.runner.metering.rates.RateCard;
import io.rigshift.runner.metering.rates.RateCardStore;
import io.rigshift.runner.metering.report.UsageSlice;
import io.rigshift.runner.metering.report.UsageSliceQuery;
import io.rigshift.runner.metering.report.UsageFormat;
import io.rigshift.runner.metering.report.UsageGrouping;
import io.rigshift.runner.metering.report.UsageReport;
import io.rigshift.runner.metering.report.UsageReportWriter;
import io.rigshift.runner.metering.report.UsageWindow;
import io.rigshift.runner.store.Store;
import java.io.PrintWriter;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code rigshift usage}: metered device time and its cost, grouped one way, over a window. */
@Command(name = "usage",
        description = {"Report metered device time (allocation, not utilisation) and its cost.",
            "Records are clamped to the window and split at UTC midnights and rate changes, so no millisecond "
                    + "is counted twice; records still running are counted up to now and marked 'running'. "
                    + "Costs are exact sums rounded for display; --format focus writes FinOps FOCUS cost data "
                    + "whose rows are the invoice lines of the period."})
public class UsageCommand implements Callable<Integer> {

    @Mixin
    HomeOptions homeOptions;

    @Mixin
    io.rigshift.runner.cli.ServerOptions serverOptions;

    @Spec
    CommandSpec spec;

    @Option(names = "--tenant", paramLabel = "TENANT", description = "Only this tenant. Default: all.")
    String tenant;

    @Option(names = "--from", paramLabel = "DATE", description = "First day, YYYY-MM-DD (UTC). Default: the first record.")
    String from;

    @Option(names = "--to", paramLabel = "DATE", description = "Last day included, YYYY-MM-DD (UTC). Default: now.")
    String to;

    @Option(names = "--by", paramLabel = "GROUPING", defaultValue = "tenant",
            description = "tenant, job, model, node or day. Default: ${DEFAULT-VALUE}.")
    UsageGrouping by;

    @Option(names = "--format", defaultValue = UsageFormat.DEFAULT, paramLabel = UsageFormat.LABEL,
            description = UsageFormat.DESCRIPTION)
    UsageFormat format;

    @Override
    public Integer call() {
        UsageWindow window = MeteringArguments.window(Optional.ofNullable(from), Optional.ofNullable(to));
        Optional<String> tenantFilter = Optional.ofNullable(tenant);
        Clock clock = Clock.systemUTC();
        PrintWriter out = spec.commandLine().getOut();
        var client = serverOptions.client();
        if (client.isPresent()) {
            return remote(client.get(), out);
        }
        try (Store store = homeOptions.openStoreForReading()) {
            new UsageLedger(store, clock).closeStale();
            long now = clock.millis();
            RateCard card = new RateCardStore(store).load();
            UsageSliceQuery query = new UsageSliceQuery(store.dataSource());
            List<UsageSlice> usage;
            if (format == UsageFormat.focus) {
                usage = query.daily(window, tenantFilter, FocusExport.DIMENSIONS, now);
            } else if (by == UsageGrouping.day) {
                usage = query.daily(window, tenantFilter, by.dimensions(), now);
            } else {
                // No days needed: split only where rates change, far fewer slices than days.
                usage = query.byPeriod(window, tenantFilter, by.dimensions(), now, card.changeDays());
            }
            List<String> notes = query.notesFor(tenantFilter, usage.isEmpty());
            if (format == UsageFormat.focus) {
                notes.forEach(note -> spec.commandLine().getErr().println("rigshift: note: " + note));
                FocusExport.write(Charges.of(usage, card), card.currency(), now, out);
            } else {
                if (format == UsageFormat.csv) {
                    notes.forEach(note -> spec.commandLine().getErr().println("rigshift: note: " + note));
                }
                UsageReportWriter.write(UsageReport.of(window, by, usage, card, notes), format, now, out);
            }
        }
        spec.commandLine().getErr().flush();
        return ExitCodes.OK;
    }

    /** Over the API: the server's JSON as it is, or its rows as a table. */
    private int remote(io.rigshift.runner.api.ApiClient client, PrintWriter out) {
        if (format != UsageFormat.json && format != UsageFormat.table) {
            throw new UsageException("--format " + format + " is not available over --server yet: use table or json");
        }
        StringBuilder query = new StringBuilder("/api/v1/usage?by=" + by.name());
        if (tenant != null) {
            query.append("&tenant=").append(java.net.URLEncoder.encode(tenant, java.nio.charset.StandardCharsets.UTF_8));
        }
        if (from != null) {
            query.append("&from=").append(java.net.URLEncoder.encode(from, java.nio.charset.StandardCharsets.UTF_8));
        }
        if (to != null) {
            query.append("&to=").append(java.net.URLEncoder.encode(to, java.nio.charset.StandardCharsets.UTF_8));
        }
        var report = client.get(query.toString());
        if (format == UsageFormat.json) {
            io.rigshift.jobs.api.output.JsonOutput.print(out, report);
            return ExitCodes.OK;
        }
        io.rigshift.jobs.api.output.TextTable table = new io.rigshift.jobs.api.output.TextTable(
                by.name().toUpperCase(java.util.Locale.ROOT), ">DEVICE_HOURS", ">COST", "RUNNING");
        report.path("rows").forEach(row -> table.row(row.path("key").asText(), row.path("deviceHours").asText(),
                row.path("cost").asText() + " " + report.path("currency").asText(), row.path("running").asBoolean() ? "yes" : ""));
        table.print(out);
        return ExitCodes.OK;
    }
}
