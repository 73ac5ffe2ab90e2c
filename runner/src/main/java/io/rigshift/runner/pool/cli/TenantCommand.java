package io.rigshift.runner.pool.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code rigshift tenant}: what the host allows each tenant. */
@Command(name = "tenant",
        description = "Manage tenants' limits.",
        subcommands = {
            TenantQuotaCommand.class,
        })
public class TenantCommand implements Runnable {

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(),
                "missing tenant command: expected one of " + String.join(", ", spec.subcommands().keySet()));
    }
}
