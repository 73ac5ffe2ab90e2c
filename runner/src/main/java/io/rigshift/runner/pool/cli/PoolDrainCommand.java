package io.rigshift.runner.pool.cli;

import io.rigshift.runner.cli.ExitCodes;
import io.rigshift.runner.cli.HomeOptions;
import io.rigshift.runner.pool.DeviceState;
import io.rigshift.runner.pool.PoolInventory;
import io.rigshift.runner.pool.PoolNode;
import io.rigshift.runner.store.Store;
import java.time.Clock;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code rigshift pool drain}: no new leases on a node; running jobs finish. */
@Command(name = "drain",
        description = "Stop new leases on a node; leases it holds run on until released.")
public class PoolDrainCommand implements Callable<Integer> {

    @Mixin
    HomeOptions homeOptions;

    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "NODE", description = "The node to drain.")
    String node;

    @Override
    public Integer call() {
        try (Store store = homeOptions.openStore()) {
            PoolNode drained = new PoolInventory(store, Clock.systemUTC()).drain(node);
            spec.commandLine().getOut().printf("node %s is draining: %d device%s still leased, %d drained%n",
                    node, drained.count(DeviceState.LEASED), drained.count(DeviceState.LEASED) == 1 ? "" : "s",
                    drained.count(DeviceState.DRAINING));
        }
        return ExitCodes.OK;
    }
}
