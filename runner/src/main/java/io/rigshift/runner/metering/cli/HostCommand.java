package io.rigshift.runner.metering.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code rigshift host}: the pool owner's views. */
@Command(name = "host",
        description = "The pool owner's views of the GPU pool.",
        subcommands = {HostReportCommand.class})
public class HostCommand implements Runnable {

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(), "missing command: expected one of "
                + String.join(", ", spec.subcommands().keySet()));
    }
}
