package io.rigshift.runner.cluster;

import io.rigshift.runner.metering.UsageLedger;
import io.rigshift.runner.node.ProcessIdentity;
import io.rigshift.runner.node.RigshiftProcess;
import io.rigshift.runner.pool.Lease;
import io.rigshift.runner.pool.LeaseService;
import io.rigshift.runner.store.RigshiftHome;
import io.rigshift.runner.store.Store;
import io.rigshift.runner.training.HeartbeatPolicy;
import java.io.File;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.amqp.rabbit.connection.ConnectionFactory;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.integration.partition.StepExecutionRequest;

/**
 * The agent's work: takes the partitions sent to its node's queue, claims each in the store (a
 * duplicate or stale request claims nothing and is dropped), and runs it in a child JVM on the
 * lease's devices ({@code CUDA_VISIBLE_DEVICES}). At every heartbeat it extends the leases and
 * usage records of its children, and fences: a child whose placement is no longer current (its
 * node was declared lost and the job moved) is killed at once. A child that died leaves its
 * partition failed in the repository, so that the controller's manager sees it end.
 */
public final class NodeWorker implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(NodeWorker.class);

    /** The output of every placement of a job, appended in turn, in the job's folder ({@code rigshift logs}). */
    public static final String WORKER_LOG = "worker.log";

    /** One child and what it holds. */
    private record Child(Placements.Placement placement, Process process) {
    }

    private final Store store;
    private final String node;
    private final RigshiftHome home;
    private final Optional<String> dbUrl;
    private final Path jobsRoot;
    private final PrintWriter out;
    private final Placements placements;
    private final LeaseService leases;
    private final UsageLedger ledger;
    private final JobRepository repository;
    private final Map<Long, Child> children = new ConcurrentHashMap<>();
    private final java.util.concurrent.ExecutorService spawner = java.util.concurrent.Executors.newSingleThreadExecutor(
            runnable -> {
                Thread thread = new Thread(runnable, "rigshift-worker-spawner");
                thread.setDaemon(true);
                return thread;
            });
    private PoolMessaging messaging;

    public NodeWorker(Store store, JobRepository repository, String node, RigshiftHome home, Optional<String> dbUrl,
            Path jobsRoot, PrintWriter out) {
        this.store = store;
        this.repository = repository;
        this.node = node;
        this.home = home;
        this.dbUrl = dbUrl;
        this.jobsRoot = jobsRoot;
        this.out = out;
        this.placements = new Placements(store);
        // Leases and usage are timed on the store's clock: this host's may be off.
        Clock clock = io.rigshift.runner.store.StoreClock.of(store);
        this.leases = new LeaseService(store, clock, ProcessIdentity.current(),
                HeartbeatPolicy.current().leaseTimings(), io.rigshift.runner.pool.Sleeper.SYSTEM);
        this.ledger = new UsageLedger(store, clock);
    }

    /** Starts consuming the node's queue. */
    public void start(ConnectionFactory connections) {
        messaging = PoolMessaging.receiver(connections, placements.poolId(), node, this::onRequest);
    }

    /** A partition request: claim it, then start its child. Returns once the child runs (the message is then acked). */
    void onRequest(StepExecutionRequest request) {
        long stepId = request.getStepExecutionId();
        Optional<Placements.Placement> claimed = placements.claim(stepId, node, ProcessIdentity.current());
        if (claimed.isEmpty()) {
            say("partition %d: not placed on node %s now (a duplicate, or work that moved): dropped", stepId, node);
            return;
        }
        Placements.Placement placement = claimed.get();
        try {
            // Started from one thread that lives as long as the agent: a child's parent-death signal fires when the
            // thread that started it ends, and the broker's consumer threads come and go with its connection.
            Process process = spawner.submit(() -> spawn(placement, stepId)).get();
            children.put(stepId, new Child(placement, process));
            say("job %d: partition %d started on node %s (epoch %d, pid %d)", placement.jobExecutionId(), stepId, node,
                    placement.epoch(), process.pid());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            failPartition(stepId, "the agent of node " + node + " stopped while starting its worker");
        } catch (java.util.concurrent.ExecutionException | RuntimeException e) {
            LOG.error("cannot start the worker of partition {}", stepId, e);
            failPartition(stepId, "the agent of node " + node + " could not start its worker: " + e.getMessage());
        }
    }

    private Process spawn(Placements.Placement placement, long stepId) throws IOException {
        Lease lease = leases.liveLease(placement.leaseId())
                .orElseThrow(() -> new IllegalStateException("lease " + placement.leaseId() + " is not live"));
        List<String> args = new ArrayList<>(List.of("pool-worker", "--step-execution", Long.toString(stepId),
                "--instance", Long.toString(placement.instanceId()), "--epoch", Integer.toString(placement.epoch()),
                "--lease", placement.leaseId(), "--jobs-root", jobsRoot.toString(), "--home", home.root().toString()));
        dbUrl.ifPresent(url -> args.addAll(List.of("--db-url", url)));
        List<String> command = new ArrayList<>();
        if (new File("/usr/bin/setpriv").canExecute()) {
            // The child dies with its agent: a SIGKILLed agent leaves no training behind.
            command.addAll(List.of("/usr/bin/setpriv", "--pdeathsig", "KILL"));
        }
        command.addAll(RigshiftProcess.command(RigshiftProcess.inheritedProperties(), args));
        Path folder = Files.createDirectories(jobsRoot.resolve(Long.toString(placement.instanceId())));
        Path log = folder.resolve(WORKER_LOG);
        Files.writeString(log, "--- placement " + placement.epoch() + " on node " + node + " ---\n",
                java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND);
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        if (!lease.simulated()) {
            builder.environment().put("CUDA_VISIBLE_DEVICES",
                    lease.devices().stream().map(String::valueOf).collect(Collectors.joining(",")));
        }
        return builder.start();
    }

    /**
     * One heartbeat: extends the children's leases and usage records, kills the fenced, and reaps the
     * ended (failing the partition of one that died).
     */
    public void beat() {
        for (Map.Entry<Long, Child> entry : children.entrySet()) {
            long stepId = entry.getKey();
            Child child = entry.getValue();
            Placements.Placement placement = child.placement();
            if (!child.process().isAlive()) {
                children.remove(stepId);
                int code = child.process().exitValue();
                say("job %d: worker of partition %d exited with code %d", placement.jobExecutionId(), stepId, code);
                failPartition(stepId, "the worker on node " + node + " exited with code " + code);
                continue;
            }
            boolean current = placements.current(placement.instanceId(), placement.epoch());
            if (current) {
                leases.heartbeat(placement.leaseId());
                if (placement.usageRecordId() != null) {
                    ledger.heartbeat(placement.usageRecordId());
                }
            } else {
                say("job %d: placement %d is no longer current (moved elsewhere): killing its worker",
                        placement.jobExecutionId(), placement.epoch());
                child.process().destroyForcibly();
            }
        }
    }

    /** Kills every child at once, writing nothing: this node was declared lost, its work is placed elsewhere. */
    public void fenceAll() {
        for (Child child : children.values()) {
            child.process().destroyForcibly();
        }
        children.clear();
    }

    public int running() {
        return children.size();
    }

    /** A partition whose worker is gone and that is still running in the repository ends FAILED. */
    private void failPartition(long stepId, String why) {
        Partitions.failIfRunning(repository, repository.getStepExecution(stepId), why);
    }

    private void say(String format, Object... args) {
        synchronized (out) {
            out.printf(format + "%n", args);
            out.flush();
        }
    }

    /** Stops consuming; running children are asked to stop (SIGTERM: they checkpoint first). */
    @Override
    public void close() {
        if (messaging != null) {
            messaging.close();
        }
        for (Child child : children.values()) {
            child.process().destroy();
        }
        // The children die with the spawner's thread: wait until they have checkpointed and stopped.
        long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(STOP_WAIT_SECONDS);
        for (Child child : children.values()) {
            try {
                child.process().waitFor(Math.max(0, deadline - System.nanoTime()),
                        java.util.concurrent.TimeUnit.NANOSECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /** How long a stopping agent waits for its workers to checkpoint and stop. */
    public static final long STOP_WAIT_SECONDS = 180;
}
