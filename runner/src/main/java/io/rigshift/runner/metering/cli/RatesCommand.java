package io.rigshift.runner.metering.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code rigshift rates}: the effective-dated prices per device-hour of each device model. */
@Command(name = "rates",
        description = "Show or set the rate card: the price of one device-hour of each device model, "
                + "effective from a UTC date until the next rate of that model starts.",
        subcommands = {RatesSetCommand.class, RatesListCommand.class})
public class RatesCommand implements Runnable {

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(), "missing command: expected one of "
                + String.join(", ", spec.subcommands().keySet()));
    }
}
