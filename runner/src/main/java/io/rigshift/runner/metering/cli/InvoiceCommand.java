package io.rigshift.runner.metering.cli;

import io.rigshift.runner.cli.ExitCodes;
import io.rigshift.runner.cli.HomeOptions;
import io.rigshift.runner.cli.UsageException;
import io.rigshift.runner.metering.UsageLedger;
import io.rigshift.runner.metering.billing.Charges;
import io.rigshift.runner.metering.invoice.Invoice;
import io.rigshift.runner.metering.invoice.InvoiceFormat;
import io.rigshift.runner.metering.invoice.InvoiceWriter;
import io.rigshift.runner.metering.rates.RateCardStore;
import io.rigshift.runner.metering.report.UsageSlice;
import io.rigshift.runner.metering.report.UsageSliceQuery;
import io.rigshift.runner.metering.report.UsageWindow;
import io.rigshift.runner.store.Store;
import java.time.Clock;
import java.time.YearMonth;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code rigshift invoice}: a tenant's bill for one calendar month. */
@Command(name = "invoice",
        description = {"Write a tenant's invoice for a calendar month (UTC): one line per device model, job and "
                + "rate, with device-hours, unit price and amount; the total is the sum of the lines.",
            "Each line is rounded once (HALF_EVEN, to the currency's minor unit). The invoice of a closed month "
                    + "is the same bytes every time; the current month's is marked provisional."})
public class InvoiceCommand implements Callable<Integer> {

    @Mixin
    HomeOptions homeOptions;

    @Mixin
    io.rigshift.runner.cli.ServerOptions serverOptions;

    @Spec
    CommandSpec spec;

    @Option(names = "--tenant", required = true, paramLabel = "TENANT", description = "The tenant billed.")
    String tenant;

    @Option(names = "--month", required = true, paramLabel = "YYYY-MM", description = "The month billed (UTC).")
    String month;

    @Option(names = "--format", defaultValue = InvoiceFormat.DEFAULT, paramLabel = InvoiceFormat.LABEL,
            description = InvoiceFormat.DESCRIPTION)
    InvoiceFormat format;

    @Override
    public Integer call() {
        YearMonth billed = MeteringArguments.month(month, "--month");
        Clock clock = Clock.systemUTC();
        UsageWindow period = UsageWindow.ofMonth(billed);
        if (period.fromMs() > clock.millis()) {
            throw new UsageException("month " + billed + " for --month is in the future: expected "
                    + YearMonth.now(clock) + " or earlier");
        }
        var client = serverOptions.client();
        if (client.isPresent()) {
            spec.commandLine().getOut().print(client.get().getText("/api/v1/invoices/" + tenant + "/" + billed
                    + "?format=" + format.name()));
            spec.commandLine().getOut().flush();
            return ExitCodes.OK;
        }
        try (Store store = homeOptions.openStore()) {
            InvoiceWriter.write(invoice(store, tenant, billed, clock), format, spec.commandLine().getOut());
        }
        return ExitCodes.OK;
    }

    /** A tenant's invoice for a month, as {@code invoice} and the API print it. */
    public static Invoice invoice(Store store, String tenant, YearMonth billed, Clock clock) {
        UsageWindow period = UsageWindow.ofMonth(billed);
        // Holders that died are closed at their last heartbeat first, so a closed month stays closed.
        new UsageLedger(store, clock).closeStale();
        long now = clock.millis();
        UsageSliceQuery query = new UsageSliceQuery(store.dataSource());
        List<UsageSlice> usage = query.daily(period, Optional.of(tenant), Charges.DIMENSIONS, now);
        List<String> notes = query.notesFor(Optional.of(tenant), usage.isEmpty());
        return Invoice.of(tenant, billed, usage, new RateCardStore(store).load(), now, notes);
    }
}
