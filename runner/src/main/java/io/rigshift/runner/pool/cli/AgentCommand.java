package io.rigshift.runner.pool.cli;

import io.rigshift.runner.cli.ExitCodes;
import io.rigshift.runner.cli.HomeOptions;
import io.rigshift.runner.cli.UsageException;
import io.rigshift.runner.pool.PoolInventory;
import io.rigshift.runner.pool.PoolNames;
import io.rigshift.runner.pool.ReclaimedLease;
import io.rigshift.runner.pool.agent.NodeAgents;
import io.rigshift.runner.pool.detect.CudaGpuDetector;
import io.rigshift.runner.pool.detect.DetectedGpu;
import io.rigshift.runner.store.Store;
import io.rigshift.runner.training.HeartbeatPolicy;
import java.io.PrintWriter;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code rigshift agent --node NAME}: serves one node of the pool. Registers the node and its
 * devices (detected, or {@code --simulated N}), heartbeats on the store's clock, and declares lost
 * any node whose agent has been silent past {@code --node-grace}: their leases are reclaimed and
 * their usage records end at their last heartbeat. Running placed jobs on it comes next (the pool's
 * controller and remote partitioning); today jobs use a node's devices with {@code train --gpus}.
 */
@Command(name = "agent", description = {"Serves one node of the pool: registers it and its devices, heartbeats, "
        + "and declares lost the nodes whose agents have been silent past the node grace (their leases end). "
        + "Runs until SIGTERM or Ctrl-C."})
public class AgentCommand implements Callable<Integer> {

    @Mixin
    HomeOptions homeOptions;

    @Option(names = "--node", required = true, paramLabel = "NAME", description = "The node this agent serves.")
    String node;

    @Option(names = "--simulated", paramLabel = "N", description = "Register N simulated GPUs (tests, demos).")
    Integer simulated;

    @Option(names = "--gpu-model", defaultValue = "A40", paramLabel = "MODEL",
            description = "With --simulated: their model (default A40).")
    String gpuModel;

    @Option(names = "--memory-gib", defaultValue = "48", paramLabel = "GIB",
            description = "With --simulated: memory of each (default 48).")
    int memoryGib;

    @Option(names = "--node-grace", defaultValue = "60", paramLabel = "SECONDS",
            description = "A node whose agent is silent longer is lost (default 60).")
    long graceSeconds;

    @Option(names = "--no-broker", description = "Only register and heartbeat: take no work from the pool's queue "
            + "(a node used with 'train --gpus').")
    boolean noBroker;

    @Mixin
    io.rigshift.runner.cluster.BrokerOptions brokerOptions;

    @Mixin
    io.rigshift.runner.cluster.SharedDirOptions sharedDir;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws InterruptedException {
        String name = PoolNames.node(node);
        requireGrace(graceSeconds);
        if (simulated != null && (simulated < 1 || simulated > PoolInventory.MAX_DEVICES_PER_NODE)) {
            throw new UsageException("--simulated must be from 1 to " + PoolInventory.MAX_DEVICES_PER_NODE + ", was "
                    + simulated);
        }
        // A logger only now: picocli builds every command at start-up, before the CLI has pointed the log file at
        // the chosen home, and a static logger would fix the log in the default home for every command.
        Logger log = LoggerFactory.getLogger(AgentCommand.class);
        Duration grace = Duration.ofSeconds(graceSeconds);
        HeartbeatPolicy policy = HeartbeatPolicy.current();
        PrintWriter out = spec.commandLine().getOut();
        CountDownLatch stop = new CountDownLatch(1);
        CountDownLatch stopped = new CountDownLatch(1);
        try (Store store = homeOptions.openStore()) {
            PoolInventory inventory = new PoolInventory(store, Clock.systemUTC());
            if (inventory.node(name).isEmpty()) {
                register(inventory, name);
            }
            org.springframework.amqp.rabbit.connection.CachingConnectionFactory connections = noBroker ? null
                    : brokerOptions.connect();
            NodeAgents agents = new NodeAgents(store);
            agents.register(name, grace);
            io.rigshift.runner.cluster.NodeWorker worker = null;
            if (connections != null) {
                worker = new io.rigshift.runner.cluster.NodeWorker(store, new io.rigshift.runner.store.StoreRetry(
                        policy.storePatience(), store::evictConnections).proxy(
                                io.rigshift.runner.batch.JobRepositories.jdbc(store),
                                org.springframework.batch.core.repository.JobRepository.class),
                        name, homeOptions.home(), homeOptions.dbUrl(), sharedDir.jobsRoot(homeOptions.home()), out);
                worker.start(connections);
                agents.heartbeat(name); // starting the consumer took a while
            }
            int devices = inventory.node(name).map(n -> n.devices().size()).orElse(0);
            out.printf("agent for node %s up: %d device(s); heartbeat every %d ms, node grace %d s%n", name, devices,
                    policy.interval().toMillis(), graceSeconds);
            out.flush();
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                stop.countDown();
                try {
                    stopped.await(io.rigshift.runner.cluster.NodeWorker.STOP_WAIT_SECONDS + 10, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }, "rigshift-agent-stop"));
            try {
                while (!stop.await(policy.interval().toMillis(), TimeUnit.MILLISECONDS)) {
                    try {
                        if (!agents.heartbeat(name)) {
                            log.warn("node {} was declared lost while this agent lived; registering again", name);
                            if (worker != null && worker.running() > 0) {
                                out.println("node " + name + " was declared lost while this agent was cut off: "
                                        + "killing its " + worker.running() + " worker(s), whose jobs moved");
                                out.flush();
                                worker.fenceAll();
                            }
                            agents.register(name, grace);
                        }
                        if (worker != null) {
                            worker.beat();
                        }
                        for (ReclaimedLease lease : agents.sweep(grace)) {
                            out.printf("node %s lost: lease %s of tenant %s reclaimed%n", lease.node(), lease.leaseId(),
                                    lease.tenant());
                            out.flush();
                        }
                    } catch (RuntimeException e) {
                        log.warn("agent heartbeat failed: {}; retrying at the next beat", e.toString());
                    }
                }
                if (worker != null) {
                    worker.close();
                }
                if (connections != null) {
                    connections.destroy();
                }
                agents.unregister(name);
                out.println("agent for node " + name + " stopped");
                out.flush();
            } finally {
                stopped.countDown();
            }
        }
        return ExitCodes.OK;
    }

    static void requireGrace(long graceSeconds) {
        if (graceSeconds < 1 || graceSeconds > 86_400) {
            throw new UsageException("--node-grace must be from 1 to 86400 seconds, was " + graceSeconds);
        }
    }

    private void register(PoolInventory inventory, String name) {
        if (simulated != null) {
            inventory.add(name, PoolNames.gpuModel(gpuModel), simulated, memoryGib, true);
            return;
        }
        List<DetectedGpu> gpus = new CudaGpuDetector().detect().gpus();
        if (gpus.isEmpty()) {
            throw new UsageException("node '" + name + "' is not in the pool and this machine has no GPU the engine "
                    + "sees: add it with 'rigshift pool add', or give --simulated N");
        }
        int start = 0;
        for (int i = 1; i <= gpus.size(); i++) {
            if (i == gpus.size() || !gpus.get(i).model().equals(gpus.get(start).model())
                    || gpus.get(i).memoryGib() != gpus.get(start).memoryGib()) {
                inventory.add(name, gpus.get(start).model(), i - start, gpus.get(start).memoryGib(), false);
                start = i;
            }
        }
    }
}
