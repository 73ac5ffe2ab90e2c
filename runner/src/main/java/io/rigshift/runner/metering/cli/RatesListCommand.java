package io.rigshift.runner.metering.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import io.rigshift.runner.cli.ExitCodes;
import io.rigshift.runner.cli.HomeOptions;
import io.rigshift.runner.metering.BillingFigures;
import io.rigshift.runner.metering.rates.Rate;
import io.rigshift.runner.metering.rates.RateCard;
import io.rigshift.runner.metering.rates.RateCardStore;
import io.rigshift.runner.metering.report.TableFormat;
import io.rigshift.jobs.api.output.JsonOutput;
import io.rigshift.jobs.api.output.TextTable;
import io.rigshift.runner.store.Store;
import java.io.IOException;
import java.io.PrintWriter;
import java.time.LocalDate;
import java.util.concurrent.Callable;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code rigshift rates list}: the rate card, with the last day each rate is in force. */
@Command(name = "list",
        description = "List the rate card by model and start date, with the last day each rate is in force.")
public class RatesListCommand implements Callable<Integer> {

    @Mixin
    HomeOptions homeOptions;

    @Spec
    CommandSpec spec;

    @Option(names = "--format", defaultValue = TableFormat.DEFAULT, paramLabel = TableFormat.LABEL,
            description = TableFormat.DESCRIPTION)
    TableFormat format;

    @Override
    public Integer call() throws IOException {
        RateCard card;
        try (Store store = homeOptions.openStoreForReading()) {
            card = new RateCardStore(store).load();
        }
        PrintWriter out = spec.commandLine().getOut();
        switch (format) {
            case table -> {
                TextTable table = new TextTable("MODEL", "FROM", "UNTIL", ">PER DEVICE-HOUR", "CURRENCY");
                for (Rate rate : card.rates()) {
                    table.row(rate.deviceModel(), rate.from().toString(), until(card, rate),
                            BillingFigures.unitPrice(rate.perDeviceHour(), rate.currency()),
                            rate.currency().getCurrencyCode());
                }
                table.print(out);
                if (card.rates().isEmpty()) {
                    out.println("(no rates: all usage is priced at zero)");
                }
            }
            case csv -> {
                CSVPrinter csv = new CSVPrinter(out, CSVFormat.DEFAULT.builder().setRecordSeparator("\n").build());
                csv.printRecord("model", "from", "to", "last_day_in_force", "per_device_hour", "currency");
                for (Rate rate : card.rates()) {
                    csv.printRecord(rate.deviceModel(), rate.from(), rate.to().map(LocalDate::toString).orElse(""),
                            card.lastDayInForce(rate).map(LocalDate::toString).orElse(""),
                            rate.perDeviceHour().toPlainString(), rate.currency().getCurrencyCode());
                }
                csv.flush();
            }
            case json -> {
                        ArrayNode rates = JsonOutput.arrayNode();
                for (Rate rate : card.rates()) {
                    rates.addObject().put("model", rate.deviceModel()).put("from", rate.from().toString())
                            .put("to", rate.to().map(LocalDate::toString).orElse(null))
                            .put("lastDayInForce", card.lastDayInForce(rate).map(LocalDate::toString).orElse(null))
                            .put("perDeviceHour", rate.perDeviceHour().toPlainString())
                            .put("currency", rate.currency().getCurrencyCode());
                }
                JsonOutput.print(out, rates);
            }
        }
        out.flush();
        return ExitCodes.OK;
    }

    private static String until(RateCard card, Rate rate) {
        return card.lastDayInForce(rate).map(LocalDate::toString).orElse("(next rate)");
    }
}
