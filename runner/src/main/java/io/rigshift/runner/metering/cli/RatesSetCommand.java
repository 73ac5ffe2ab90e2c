package io.rigshift.runner.metering.cli;

import io.rigshift.runner.cli.ExitCodes;
import io.rigshift.runner.cli.HomeOptions;
import io.rigshift.runner.cli.UsageException;
import io.rigshift.runner.metering.rates.Rate;
import io.rigshift.runner.metering.rates.RateCardStore;
import io.rigshift.runner.store.Store;
import java.time.LocalDate;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code rigshift rates set}: adds an effective-dated rate for a device model. */
@Command(name = "set",
        description = {"Add a rate: the price of one device-hour of a model from a UTC date on.",
            "It applies until the next rate of the model starts, or through --to. A rate starting on the same "
                    + "day as another of the model, or inside another's --from..--to interval, is refused. "
                    + "CPU runs are billed at the rate of model 'cpu' (zero unless set).",
            "Example: rigshift rates set --model A40 --per-device-hour 1.10 --currency USD --from 2026-12-01"})
public class RatesSetCommand implements Callable<Integer> {

    @Mixin
    HomeOptions homeOptions;

    @Spec
    CommandSpec spec;

    @Option(names = "--model", required = true, paramLabel = "MODEL",
            description = "Device model, as the pool names it (e.g. A40), or 'cpu'.")
    String model;

    @Option(names = "--per-device-hour", required = true, paramLabel = "PRICE",
            description = "Price of one device-hour, a decimal >= 0 (e.g. 1.10).")
    String perDeviceHour;

    @Option(names = "--currency", required = true, paramLabel = "CODE",
            description = "ISO 4217 currency code (e.g. USD); one currency for the whole rate card.")
    String currency;

    @Option(names = "--from", required = true, paramLabel = "DATE",
            description = "First day in force, YYYY-MM-DD (from UTC midnight).")
    String from;

    @Option(names = "--to", paramLabel = "DATE",
            description = "Last day in force (inclusive), YYYY-MM-DD. Default: until the next rate of the model.")
    String to;

    @Override
    public Integer call() {
        Rate rate = rate();
        try (Store store = homeOptions.openStore()) {
            new RateCardStore(store).add(rate);
        }
        spec.commandLine().getOut().println("rate set: " + rate.describe());
        spec.commandLine().getOut().flush();
        return ExitCodes.OK;
    }

    private Rate rate() {
        String name = MeteringArguments.name(model, "--model");
        LocalDate first = MeteringArguments.day(from, "--from");
        Optional<LocalDate> last = MeteringArguments.day(Optional.ofNullable(to), "--to");
        if (last.isPresent() && last.get().isBefore(first)) {
            throw new UsageException("--to " + last.get() + " is before --from " + first
                    + ": a rate runs from its first day through its last");
        }
        return new Rate(name, MeteringArguments.rate(perDeviceHour, "--per-device-hour"),
                MeteringArguments.currency(currency, "--currency"), first, last);
    }
}
