package io.rigshift.runner.pool.cli;

import io.rigshift.runner.cli.ExitCodes;
import io.rigshift.runner.cli.HomeOptions;
import io.rigshift.runner.pool.PoolInventory;
import io.rigshift.runner.store.Store;
import java.time.Clock;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code rigshift pool remove}: takes a node out of the pool; refused while it is leased. */
@Command(name = "remove",
        description = "Remove a node and its GPUs from the pool (refused while any is leased; drain it first).")
public class PoolRemoveCommand implements Callable<Integer> {

    @Mixin
    HomeOptions homeOptions;

    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "NODE", description = "The node to remove.")
    String node;

    @Override
    public Integer call() {
        try (Store store = homeOptions.openStore()) {
            new PoolInventory(store, Clock.systemUTC()).remove(node);
            spec.commandLine().getOut().printf("removed node %s%n", node);
        }
        return ExitCodes.OK;
    }
}
