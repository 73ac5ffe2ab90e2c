package io.rigshift.runner.metering.cli;

import io.rigshift.runner.cli.ExitCodes;
import io.rigshift.runner.cli.HomeOptions;
import io.rigshift.runner.metering.UsageLedger;
import io.rigshift.runner.metering.host.HostReport;
import io.rigshift.runner.metering.host.HostReportWriter;
import io.rigshift.runner.metering.host.PoolDeviceInventory;
import io.rigshift.runner.metering.report.UsageSlice;
import io.rigshift.runner.metering.report.UsageSliceQuery;
import io.rigshift.runner.metering.report.TableFormat;
import io.rigshift.runner.metering.report.UsageWindow;
import io.rigshift.runner.store.Store;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code rigshift host report}: leased, available and idle device-hours per node and GPU model. */
@Command(name = "report",
        description = {"Per node and GPU model: device-hours leased (from the usage ledger), available (from the "
                + "pool inventory, since each node was added; devices down now are left out), idle, and "
                + "utilisation %. The window ends now at the latest."})
public class HostReportCommand implements Callable<Integer> {

    @Mixin
    HomeOptions homeOptions;

    @Spec
    CommandSpec spec;

    @Option(names = "--from", required = true, paramLabel = "DATE", description = "First day, YYYY-MM-DD (UTC).")
    String from;

    @Option(names = "--to", required = true, paramLabel = "DATE", description = "Last day included, YYYY-MM-DD (UTC).")
    String to;

    @Option(names = "--format", defaultValue = TableFormat.DEFAULT, paramLabel = TableFormat.LABEL,
            description = TableFormat.DESCRIPTION)
    TableFormat format;

    @Override
    public Integer call() {
        UsageWindow window = MeteringArguments.window(Optional.of(from), Optional.of(to));
        Clock clock = Clock.systemUTC();
        try (Store store = homeOptions.openStore()) {
            new UsageLedger(store, clock).closeStale();
            long now = clock.millis();
            List<UsageSlice> usage = new UsageSliceQuery(store.dataSource())
                    .byPeriod(window, Optional.empty(), HostReport.DIMENSIONS, now, List.of());
            HostReport report = HostReport.of(window, usage, new PoolDeviceInventory(store.dataSource()), now);
            HostReportWriter.write(report, format, spec.commandLine().getOut());
        }
        return ExitCodes.OK;
    }
}
