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

/** {@code rigshift pool undrain}: a drained node takes leases again. */
@Command(name = "undrain",
        description = "Let a draining node take new leases again.")
public class PoolUndrainCommand implements Callable<Integer> {

    @Mixin
    HomeOptions homeOptions;

    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "NODE", description = "The node to undrain.")
    String node;

    @Override
    public Integer call() {
        try (Store store = homeOptions.openStore()) {
            PoolNode undrained = new PoolInventory(store, Clock.systemUTC()).undrain(node);
            spec.commandLine().getOut().printf("node %s takes leases again: %d available, %d leased%n",
                    node, undrained.count(DeviceState.AVAILABLE), undrained.count(DeviceState.LEASED));
        }
        return ExitCodes.OK;
    }
}
