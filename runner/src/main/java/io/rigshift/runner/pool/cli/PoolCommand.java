package io.rigshift.runner.pool.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code rigshift pool}: the host's view of its GPUs. */
@Command(name = "pool",
        description = "Manage the GPU pool: nodes, devices, draining.",
        subcommands = {
            PoolAddCommand.class,
            PoolListCommand.class,
            PoolDrainCommand.class,
            PoolUndrainCommand.class,
            PoolRemoveCommand.class,
            PoolDetectCommand.class,
        })
public class PoolCommand implements Runnable {

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(),
                "missing pool command: expected one of " + String.join(", ", spec.subcommands().keySet()));
    }
}
