package io.rigshift.runner.pool.cli;

import io.rigshift.jobs.training.DeviceAssignment;
import io.rigshift.runner.cli.HomeOptions;
import io.rigshift.runner.cluster.Placements;
import io.rigshift.runner.node.ProcessIdentity;
import io.rigshift.runner.pool.Lease;
import io.rigshift.runner.pool.LeaseService;
import io.rigshift.runner.store.Store;
import io.rigshift.runner.training.WorkerRun;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.Callable;
import java.util.stream.IntStream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code rigshift pool-worker}: the child JVM a node's agent starts for one partition (not for users). */
@Command(name = "pool-worker", hidden = true, description = "Runs one placed partition of a pool job (the agent's child).")
public class PoolWorkerCommand implements Callable<Integer> {

    @Mixin
    HomeOptions homeOptions;

    @Option(names = "--step-execution", required = true)
    long stepExecutionId;

    @Option(names = "--instance", required = true)
    long instanceId;

    @Option(names = "--epoch", required = true)
    int epoch;

    @Option(names = "--lease", required = true)
    String leaseId;

    @Option(names = "--jobs-root", required = true)
    Path jobsRoot;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        try (Store store = homeOptions.openStore()) {
            Placements placements = new Placements(store);
            // A store outage shorter than the lease TTL is ridden out; longer, the placement cannot be shown current.
            io.rigshift.runner.store.StoreRetry retry = new io.rigshift.runner.store.StoreRetry(
                    io.rigshift.runner.training.HeartbeatPolicy.current().storePatience(), store::evictConnections);
            Lease lease = new LeaseService(store, Clock.systemUTC(), ProcessIdentity.current()).liveLease(leaseId)
                    .orElseThrow(() -> new IllegalStateException("lease " + leaseId + " is not live"));
            return WorkerRun.run(homeOptions.home(), store, jobsRoot, stepExecutionId, engine -> {
                if (lease.simulated()) {
                    return DeviceAssignment.simulated(lease.deviceCount(), lease.deviceCount() + " simulated "
                            + lease.gpuModel() + " on " + lease.node());
                }
                if (engine.gpuCount() < lease.deviceCount()) {
                    throw new IllegalStateException("node " + lease.node() + " leased " + lease.deviceCount()
                            + " GPU(s), but the engine sees " + engine.gpuCount() + " (CUDA_VISIBLE_DEVICES="
                            + System.getenv("CUDA_VISIBLE_DEVICES") + ")");
                }
                // The agent set CUDA_VISIBLE_DEVICES to the lease's devices: here they are 0..n-1.
                return DeviceAssignment.gpus(IntStream.range(0, lease.deviceCount()).boxed().toList());
            }, () -> retry.call("checking that this placement is current", () -> placements.current(instanceId, epoch)),
                    spec.commandLine().getOut());
        }
    }
}
