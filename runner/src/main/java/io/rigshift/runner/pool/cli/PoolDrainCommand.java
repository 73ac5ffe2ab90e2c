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
import picocli.CommandLine.Option;
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

    @Option(names = "--now", description = "Also move the pool jobs running on it: each stops after a checkpoint and "
            + "the controller places it on another node, where it resumes.")
    boolean now;

    @Override
    public Integer call() {
        try (Store store = homeOptions.openStore()) {
            PoolNode drained = new PoolInventory(store, Clock.systemUTC()).drain(node);
            spec.commandLine().getOut().printf("node %s is draining: %d device%s still leased, %d drained%n",
                    node, drained.count(DeviceState.LEASED), drained.count(DeviceState.LEASED) == 1 ? "" : "s",
                    drained.count(DeviceState.DRAINING));
            if (now) {
                var repository = io.rigshift.runner.batch.JobRepositories.jdbc(store);
                var operator = io.rigshift.runner.batch.JobRepositories.operator(store, repository);
                io.rigshift.runner.cluster.Placements placements = new io.rigshift.runner.cluster.Placements(store);
                int moving = 0;
                for (var placement : placements.liveOn(drained.name())) {
                    var execution = placement.jobExecutionId() == null ? null
                            : repository.getJobExecution(placement.jobExecutionId());
                    if (execution != null && execution.isRunning() && placements.requestMove(placement.instanceId())) {
                        try {
                            operator.stop(execution);
                        } catch (org.springframework.batch.core.launch.JobExecutionNotRunningException e) {
                            continue;
                        }
                        moving++;
                        spec.commandLine().getOut().printf("job %d: stopping after a checkpoint, to move%n",
                                execution.getId());
                    }
                }
                spec.commandLine().getOut().printf("%d job%s moving off node %s%n", moving, moving == 1 ? "" : "s",
                        drained.name());
            }
        }
        return ExitCodes.OK;
    }
}
