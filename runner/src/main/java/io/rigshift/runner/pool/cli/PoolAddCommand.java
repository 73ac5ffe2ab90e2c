package io.rigshift.runner.pool.cli;

import io.rigshift.runner.cli.ExitCodes;
import io.rigshift.runner.cli.HomeOptions;
import io.rigshift.runner.pool.PoolInventory;
import io.rigshift.runner.pool.PoolNode;
import io.rigshift.runner.store.Store;
import java.time.Clock;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code rigshift pool add}: declares GPUs of a node. */
@Command(name = "add",
        description = {"Add GPUs of one model to a node (the node is created if new).",
            "A --simulated node's jobs run on CPU while leases, the queue and metering treat its GPUs as real."})
public class PoolAddCommand implements Callable<Integer> {

    @Mixin
    HomeOptions homeOptions;

    @Spec
    CommandSpec spec;

    @Option(names = "--node", required = true, paramLabel = "NAME", description = "Node (host) name.")
    String node;

    @Option(names = "--model", required = true, paramLabel = "MODEL", description = "GPU model, e.g. A40 or H100.")
    String model;

    @Option(names = "--count", required = true, paramLabel = "N", description = "How many GPUs to add (1-64).")
    int count;

    @Option(names = "--memory-gib", required = true, paramLabel = "GIB", description = "Memory of each GPU in GiB.")
    int memoryGib;

    @Option(names = "--simulated", description = "GPUs that exist only for the pool: jobs on them run on CPU.")
    boolean simulated;

    @Override
    public Integer call() {
        try (Store store = homeOptions.openStore()) {
            PoolNode added = new PoolInventory(store, Clock.systemUTC()).add(node, model, count, memoryGib, simulated);
            spec.commandLine().getOut().printf("added %d %s (%d GiB) to %snode %s, which now has %d GPUs%n",
                    count, model, memoryGib, added.simulated() ? "simulated " : "", node, added.devices().size());
        }
        return ExitCodes.OK;
    }
}
