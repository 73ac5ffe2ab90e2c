package io.rigshift.runner.cluster;

import io.rigshift.runner.batch.ExecutionLiveness;
import io.rigshift.runner.metering.UsageLedger;
import io.rigshift.runner.metering.UsageStart;
import io.rigshift.runner.node.ProcessIdentity;
import io.rigshift.runner.pool.Lease;
import io.rigshift.runner.pool.LeaseRequest;
import io.rigshift.runner.pool.LeaseService;
import io.rigshift.runner.pool.ReclaimedLease;
import io.rigshift.runner.pool.UnsatisfiableRequestException;
import io.rigshift.runner.pool.WaitTicket;
import io.rigshift.runner.pool.agent.NodeAgents;
import io.rigshift.runner.store.Store;
import io.rigshift.runner.training.HeartbeatPolicy;
import io.rigshift.runner.training.JobRun;
import io.rigshift.runner.training.RunKeys;
import io.rigshift.runner.training.WorkerRun;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.builder.JobBuilder;
import org.springframework.batch.core.listener.JobExecutionListener;
import org.springframework.batch.core.listener.StepExecutionListener;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.integration.partition.MessageChannelPartitionHandler;
import org.springframework.core.task.SimpleAsyncTaskExecutor;
import org.springframework.integration.core.MessagingTemplate;

/**
 * The pool's controller: the Spring Batch managers of all pool jobs, and their placement.
 *
 * <p>Each pool job is a Spring Batch job with one partitioned step ({@code place}) whose one
 * partition ({@code run:p0}) is the whole training; Spring Batch's remote partitioning
 * ({@link MessageChannelPartitionHandler}, polling the job repository, never aggregating replies)
 * sends it to the queue of the node that holds the job's lease. A tick of the controller:
 * <ol>
 * <li>declares lost the nodes whose agents were silent past the node grace (their leases end and
 * their usage records close at their last heartbeat), and fails the partitions placed there, so
 * that their managers stop polling (Spring Batch would poll a dead worker's partition forever);
 * <li>takes up executions whose manager died with an earlier controller: it watches their
 * partitions and ends the job as its partition ended;
 * <li>places queued jobs through the pool's fair queue, quotas and atomic leases, on nodes whose
 * agent is live: a job's first execution is the one its submit created; a recovery is a new
 * execution of the same job, whose partition starts with the context of the one that died
 * (Spring Batch copies it), so training resumes from its newest checkpoint.
 * </ol>
 */
public final class PoolController implements AutoCloseable {

    static final String MANAGER_STEP = "place";
    static final String PARTITION = WorkerRun.STEP + ":p0";

    private static final Logger LOG = LoggerFactory.getLogger(PoolController.class);

    private final Store store;
    private final JobRepository repository;
    private final Placements placements;
    private final LeaseService leases;
    private final UsageLedger ledger;
    private final NodeAgents agents;
    private final PoolMessaging messaging;
    private final Duration grace;
    private final Duration claimTimeout;
    private final long pollMs;
    private final Path jobsRoot;
    private final PrintWriter out;
    private final Clock clock;
    private final io.rigshift.runner.store.StoreRetry retry;
    private final SimpleAsyncTaskExecutor managers = new SimpleAsyncTaskExecutor("rigshift-manager-");
    private final Map<String, Job> jobs = new ConcurrentHashMap<>();
    private final Map<Long, WaitTicket> tickets = new HashMap<>();
    private final Set<Long> managed = ConcurrentHashMap.newKeySet();
    private final Set<Long> adopted = new HashSet<>();
    /** Managed executions whose manager step closed their placement: afterJob does the rest. */
    private final Map<Long, Closed> closedByStep = new ConcurrentHashMap<>();

    public PoolController(Store store, JobRepository repository, PoolMessaging messaging, Duration grace,
            Duration claimTimeout, long pollMs, Path jobsRoot, PrintWriter out) {
        this.store = store;
        this.repository = repository;
        this.placements = new Placements(store);
        this.messaging = messaging;
        this.grace = grace;
        this.claimTimeout = claimTimeout;
        this.pollMs = pollMs;
        this.jobsRoot = jobsRoot;
        this.out = out;
        // Leases and usage are timed on the store's clock, as the agents time their heartbeats.
        this.clock = io.rigshift.runner.store.StoreClock.of(store);
        this.retry = new io.rigshift.runner.store.StoreRetry(HeartbeatPolicy.current().storePatience(),
                store::evictConnections);
        this.ledger = new UsageLedger(store, clock);
        this.leases = new LeaseService(store, clock, ProcessIdentity.current(), HeartbeatPolicy.current().leaseTimings(),
                io.rigshift.runner.pool.Sleeper.SYSTEM).onlyNodesWithAgents(grace)
                .addReclaimListener(r -> ledger.closeReclaimedLease(r.leaseId()));
        this.agents = new NodeAgents(store);
    }

    /**
     * One round: lost nodes, orphaned executions, then the queue. No node is declared lost within a
     * node grace of this controller's own last store failure: when the store was away, the agents'
     * heartbeats could not land either, and they are not dead for it.
     */
    public void tick() {
        try {
            round();
        } catch (RuntimeException e) {
            lastFailureMs = System.currentTimeMillis();
            throw e;
        }
    }

    private volatile long lastFailureMs = System.currentTimeMillis();

    /**
     * Tells the controller that it did not tick for a while because the store was away (its leader
     * lock lapsed with it): the agents' heartbeats could not land either, so no node is declared
     * lost for a node grace from now.
     */
    public void storeWasAway() {
        lastFailureMs = System.currentTimeMillis();
    }

    private void round() {
        if (System.currentTimeMillis() - lastFailureMs > grace.toMillis()) {
            for (ReclaimedLease lease : agents.sweep(grace)) {
                say("node %s lost: lease %s of tenant %s reclaimed", lease.node(), lease.leaseId(), lease.tenant());
            }
        }
        for (Placements.Placement placement : placements.live()) {
            if (leases.liveLease(placement.leaseId()).isEmpty()) {
                lost(placement, "its lease " + placement.leaseId() + " on node " + placement.node() + " ended");
            } else if (Placements.PLACED.equals(placement.state()) && managed.contains(placement.jobExecutionId())
                    && store.nowMillis() - placement.placedMs() > claimTimeout.toMillis()) {
                // The request was lost on the way (or reached a stale consumer): place the job again.
                lost(placement, "no agent claimed it within " + claimTimeout.toSeconds() + " s");
            } else if (placement.jobExecutionId() != null && !managed.contains(placement.jobExecutionId())) {
                watchOrphan(placement);
            }
        }
        closeLeftOpen();
        moveOnLeftPlaced();
        placeQueued();
    }

    /** Marks a placement lost and fails its partition, so that its manager (here or taken up) ends it. */
    private void lost(Placements.Placement placement, String why) {
        if (!placements.end(placement.instanceId(), placement.epoch(), Placements.LOST)) {
            return;
        }
        say("job %d: placement %d on node %s lost (%s)", placement.jobExecutionId(), placement.epoch(),
                placement.node(), why);
        if (placement.jobExecutionId() == null) {
            return;
        }
        JobExecution execution = repository.getJobExecution(placement.jobExecutionId());
        if (execution == null) {
            return;
        }
        for (StepExecution step : execution.getStepExecutions()) {
            if (step.getStepName().equals(PARTITION)) {
                Partitions.failIfRunning(repository, step, "node " + placement.node() + " lost: " + why);
            }
        }
        if (!managed.contains(execution.getId())) {
            finishOrphan(execution, placement);
        }
    }

    /** An execution whose manager died with an earlier controller: end it once its partition has ended. */
    private void watchOrphan(Placements.Placement placement) {
        JobExecution execution = repository.getJobExecution(placement.jobExecutionId());
        if (execution == null) {
            return;
        }
        if (!execution.getStatus().isRunning()) {
            // Its manager (here or gone) ended it and could not end its placement: do what its afterJob did not.
            if (placements.placement(placement.instanceId(), placement.epoch()).map(p -> !Placements.ENDED.equals(
                    p.state()) && !Placements.LOST.equals(p.state())).orElse(false)) {
                say("job %d ended %s with its placement %d on node %s open: ending it", execution.getId(),
                        execution.getStatus(), placement.epoch(), placement.node());
                if (placement.usageRecordId() != null) {
                    // At its last heartbeat, not now: the worker beat it until it exited.
                    ledger.closeAtLastHeartbeat(placement.usageRecordId(), JobRun.usageOutcome(execution.getStatus()));
                }
                ended(execution, placement);
            }
            return;
        }
        if (adopted.add(execution.getId())) {
            say("job %d: taken up from an earlier controller (placement %d on node %s)", execution.getId(),
                    placement.epoch(), placement.node());
            ExecutionLiveness.recordOwner(execution.getExecutionContext());
            repository.updateExecutionContext(execution);
        }
        Optional<StepExecution> partition = execution.getStepExecutions().stream()
                .filter(s -> s.getStepName().equals(PARTITION)).findFirst();
        if (partition.isPresent() && !partition.get().getStatus().isRunning()) {
            finishOrphan(execution, placement);
        } else if (Placements.PLACED.equals(placement.state())
                && store.nowMillis() - placement.placedMs() > claimTimeout.toMillis()) {
            // Sent (or about to be) by a controller that died, and never claimed: place it again (lost() fails the
            // partition and, the execution having no manager here, ends it).
            lost(placement, "no agent claimed it within " + claimTimeout.toSeconds() + " s");
        }
    }

    /** Ends a taken-up execution (manager step and job) with the status of its partition. */
    private void finishOrphan(JobExecution execution, Placements.Placement placement) {
        if (execution == null || !execution.getStatus().isRunning()) {
            return;
        }
        BatchStatus status = execution.getStepExecutions().stream().filter(s -> s.getStepName().equals(PARTITION))
                .map(StepExecution::getStatus).findFirst().orElse(BatchStatus.FAILED);
        if (status.isRunning()) {
            status = BatchStatus.FAILED;
        }
        ExitStatus exit = status == BatchStatus.COMPLETED ? ExitStatus.COMPLETED
                : status == BatchStatus.STOPPED ? ExitStatus.STOPPED : ExitStatus.FAILED;
        LocalDateTime now = LocalDateTime.now();
        for (StepExecution step : execution.getStepExecutions()) {
            if (step.getStepName().equals(MANAGER_STEP) && step.getStatus().isRunning()) {
                step.setStatus(status);
                step.setExitStatus(exit);
                step.setEndTime(now);
                repository.update(step);
            }
        }
        mergeStoredContext(execution);
        execution.setStatus(status);
        execution.setExitStatus(exit);
        execution.setEndTime(now);
        // Usage closed and lease released before the job shows its end, as a managed execution's manager step
        // does: whoever sees it COMPLETED sees its usage closed.
        ended(execution, placement);
        repository.update(execution);
        adopted.remove(execution.getId());
    }

    private void placeQueued() {
        Set<Long> queued = new HashSet<>();
        for (Placements.PoolJob job : placements.jobs(Placements.QUEUED)) {
            queued.add(job.instanceId());
            JobExecution next = repository.getJobExecution(job.executionId());
            if (next != null && next.getStatus() == BatchStatus.STOPPING && next.getStartTime() == null) {
                // 'rigshift stop' while it waited: it never runs.
                endUnstarted(next, BatchStatus.STOPPED, ExitStatus.STOPPED.addExitDescription(
                        "stopped while queued in the pool"));
                placements.move(job.instanceId(), Placements.QUEUED, Placements.ENDED);
                say("job %d stopped while queued", next.getId());
                continue;
            }
            try {
                WaitTicket ticket = tickets.get(job.instanceId());
                if (ticket == null) {
                    LeaseRequest request = LeaseRequest.of(job.tenant(), job.gpus())
                            .withJobLabel("job " + job.executionId());
                    if (job.gpuModel() != null) {
                        request = request.withGpuModel(job.gpuModel());
                    }
                    ticket = leases.enqueue(request);
                    tickets.put(job.instanceId(), ticket);
                }
                Optional<Lease> lease = leases.tryAcquire(ticket);
                if (lease.isPresent()) {
                    tickets.remove(job.instanceId());
                    start(job, lease.get());
                }
            } catch (UnsatisfiableRequestException e) {
                tickets.remove(job.instanceId());
                refuse(job, e.getMessage());
            }
        }
        tickets.keySet().removeIf(id -> !queued.contains(id));
    }

    /** Starts the job's next execution on its lease: the first one, or a new one that restarts the last. */
    private void start(Placements.PoolJob job, Lease lease) {
        JobExecution last = repository.getJobExecution(job.executionId());
        JobExecution execution = last.getStatus() == BatchStatus.STARTING && last.getStartTime() == null
                && last.getStepExecutions().isEmpty() ? last
                : repository.createJobExecution(last.getJobInstance(), last.getJobParameters(),
                        last.getExecutionContext());
        Placements.Placement placement = placements.place(job.instanceId(), lease.node(), lease.id(), execution.getId());
        ProcessIdentity agent = agents.find(lease.node())
                .map(a -> new ProcessIdentity(a.hostId(), a.pid(), a.startedMs())).orElse(ProcessIdentity.current());
        long record = new UsageLedger(store.dataSource(), clock, agent).open(UsageStart.lease(job.tenant(),
                execution.getId(), lease.id(), lease.node(), lease.gpuModel(), lease.deviceCount(),
                lease.grantedAt().toEpochMilli()));
        placements.recordUsage(job.instanceId(), placement.epoch(), record);
        placements.move(job.instanceId(), Placements.QUEUED, Placements.PLACED);
        managed.add(execution.getId());
        say("job %d (tenant %s) placed on node %s: lease %s, epoch %d", execution.getId(), job.tenant(), lease.node(),
                lease.id(), placement.epoch());
        Job definition = jobs.computeIfAbsent(job.jobName(), this::managerJob);
        managers.execute(() -> {
            try {
                definition.execute(execution);
            } catch (Exception e) {
                LOG.error("manager of job {} failed", execution.getId(), e);
            } finally {
                managed.remove(execution.getId());
            }
        });
    }

    /** A job whose request the pool can never grant: it fails at once, with the reason. */
    private void refuse(Placements.PoolJob job, String why) {
        JobExecution execution = repository.getJobExecution(job.executionId());
        if (placements.move(job.instanceId(), Placements.QUEUED, Placements.ENDED) && execution != null
                && execution.getStatus() == BatchStatus.STARTING) {
            endUnstarted(execution, BatchStatus.FAILED, ExitStatus.FAILED.addExitDescription(why));
        }
        say("job %d refused: %s", job.executionId(), why);
    }

    /** Ends an execution that never started (it starts and ends now, so that 'jobs' shows when). */
    private void endUnstarted(JobExecution execution, BatchStatus status, ExitStatus exit) {
        LocalDateTime now = LocalDateTime.now();
        execution.setStatus(status);
        execution.setExitStatus(exit);
        execution.setStartTime(now);
        execution.setEndTime(now);
        repository.update(execution);
    }

    /** The manager job of a job type: one partitioned step, its one partition sent to the node of the lease. */
    private Job managerJob(String jobName) {
        MessageChannelPartitionHandler handler = new MessageChannelPartitionHandler();
        handler.setStepName(WorkerRun.STEP);
        handler.setGridSize(1);
        handler.setJobRepository(repository);
        handler.setPollInterval(pollMs);
        handler.setMessagingOperations(new MessagingTemplate(messaging.requests()));
        try {
            handler.afterPropertiesSet();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        Step place = new StepBuilder(MANAGER_STEP, repository)
                .partitioner(WorkerRun.STEP, gridSize -> Map.of("p0", new ExecutionContext()))
                .partitionHandler(handler)
                .listener(new StepExecutionListener() {
                    @Override
                    public ExitStatus afterStep(StepExecution step) {
                        // The worker wrote the job's context (its state, metrics) in its own JVM; Spring Batch is
                        // about to save this JVM's copy over it.
                        JobExecution execution = step.getJobExecution();
                        mergeStoredContext(execution);
                        // Usage and lease here, not in afterJob: Spring Batch stores the job's end before it calls
                        // afterJob, and whoever sees the job ended must see its usage closed and its lease released.
                        // The job ends with this, its one step's, status.
                        retry.run("closing the placement of job " + execution.getId(), () -> placements.ofExecution(
                                execution.getId()).ifPresent(p -> closedByStep.put(execution.getId(),
                                        new Closed(p, close(p, step.getStatus())))));
                        return step.getExitStatus();
                    }
                })
                .build();
        return new JobBuilder(jobName, repository).start(place).listener(new JobExecutionListener() {
            @Override
            public void beforeJob(JobExecution execution) {
                placements.ofExecution(execution.getId()).ifPresent(p -> describe(execution, p));
            }

            @Override
            public void afterJob(JobExecution execution) {
                // What comes next for the job (recovery, a move, its end) once its end is stored: a recovery's new
                // execution cannot be made while this one shows as running. What afterJob throws Spring Batch
                // only logs; the controller's next round finishes a record or lease this leaves (closeLeftOpen).
                Closed closed = closedByStep.remove(execution.getId());
                if (closed != null) {
                    retry.run("ending the placement of job " + execution.getId(),
                            () -> next(execution, closed.placement(), execution.getStatus(), closed.wasLost()));
                } else {
                    // It ended without its step's end (before the step, or closing failed there past the retries).
                    retry.run("ending the placement of job " + execution.getId(), () -> placements.ofExecution(
                            execution.getId()).ifPresent(p -> endPlacement(execution, p, execution.getStatus())));
                }
            }
        }).build();
    }

    /** What {@code jobs} and {@code status} show of a placed execution: node, devices, folder, owner. */
    private void describe(JobExecution execution, Placements.Placement placement) {
        ExecutionContext context = execution.getExecutionContext();
        leases.liveLease(placement.leaseId()).ifPresent(lease -> context.putString(RunKeys.CONTEXT_DEVICE,
                lease.deviceCount() + (lease.simulated() ? " simulated " : " ") + lease.gpuModel() + " on "
                        + lease.node()));
        context.putString(RunKeys.CONTEXT_NODE, placement.node());
        context.putString(RunKeys.CONTEXT_JOB_FOLDER,
                jobsRoot.resolve(Long.toString(execution.getJobInstance().getInstanceId())).toString());
        ExecutionLiveness.recordOwner(context);
        context.putLong(RunKeys.CONTEXT_ATTEMPT, placement.epoch());
        placements.job(placement.instanceId()).ifPresent(job -> context.putInt(RunKeys.CONTEXT_RECOVERIES,
                job.recoveries()));
        repository.updateExecutionContext(execution);
    }

    private void mergeStoredContext(JobExecution execution) {
        JobExecution stored = repository.getJobExecution(execution.getId());
        if (stored != null) {
            stored.getExecutionContext().entrySet()
                    .forEach(entry -> execution.getExecutionContext().put(entry.getKey(), entry.getValue()));
        }
    }

    /**
     * An execution ended (here, or taken up): its usage record closes and its lease ends, once; a
     * failure that is not the input's is recovered while restarts remain.
     */
    private void ended(JobExecution execution, Placements.Placement placement) {
        // Retried through a store outage: a lease left open would hold its devices for a whole TTL.
        retry.run("ending the placement of job " + execution.getId(),
                () -> endPlacement(execution, placement, execution.getStatus()));
    }

    /** Ends the placement of an execution that ends with the status: usage, lease, and what comes next. */
    private void endPlacement(JobExecution execution, Placements.Placement placement, BatchStatus status) {
        next(execution, placement, status, close(placement, status));
    }

    /** A placement closed by its manager step, and whether it had been lost before. */
    private record Closed(Placements.Placement placement, boolean wasLost) {
    }

    /**
     * Closes the placement of an execution that ends with the status: the placement ends, its usage
     * record closes now and its lease is released, each once. Returns whether it had been lost.
     */
    private boolean close(Placements.Placement placement, BatchStatus status) {
        boolean wasLost = placements.placement(placement.instanceId(), placement.epoch())
                .map(p -> Placements.LOST.equals(p.state())).orElse(false);
        placements.end(placement.instanceId(), placement.epoch(), Placements.ENDED);
        if (placement.usageRecordId() != null) {
            ledger.close(placement.usageRecordId(), JobRun.usageOutcome(status));
        }
        leases.release(placement.leaseId(), JobRun.leaseOutcome(status));
        return wasLost;
    }

    /** What comes next for the job of a closed placement: a move, a recovery, or its end. */
    private void next(JobExecution execution, Placements.Placement placement, BatchStatus status, boolean wasLost) {
        Placements.PoolJob job = placements.job(placement.instanceId()).orElse(null);
        if (job == null) {
            return;
        }
        if (status == BatchStatus.STOPPED && job.moveRequested()) {
            placements.requeue(job.instanceId(), execution.getId(), false);
            say("job %d stopped on draining node %s after a checkpoint: queued to move", execution.getId(),
                    placement.node());
        } else if (status == BatchStatus.FAILED && !JobRun.isInputError(execution)
                && job.recoveries() < job.maxRestarts()) {
            placements.requeue(job.instanceId(), execution.getId(), true);
            say("job %d %s on node %s%s: recovery %d of %d queued", execution.getId(), status, placement.node(),
                    wasLost ? " (node lost)" : "", job.recoveries() + 1, job.maxRestarts());
        } else {
            placements.move(job.instanceId(), Placements.PLACED, Placements.ENDED);
            say("job %d %s on node %s", execution.getId(), status, placement.node());
        }
    }

    /**
     * Ended placements whose execution shows its end in the store but whose usage record is still
     * open or whose lease is still held: the end of the execution got as far as the placement (the
     * store failed under it past the retries, or the controller died there). The record closes at
     * its last heartbeat, as a reclaimed one does (the worker beat it until it exited), and the
     * lease ends, instead of holding its devices for a whole TTL and billing the tenant for it.
     */
    private void closeLeftOpen() {
        for (Placements.LeftOpen left : placements.endedButOpen()) {
            BatchStatus status = BatchStatus.valueOf(left.status());
            if (left.usageRecordId() != null && ledger.closeAtLastHeartbeat(left.usageRecordId(), JobRun.usageOutcome(status))) {
                LOG.warn("job {} ended {} with its usage record {} open: closed at its last heartbeat",
                        left.jobExecutionId(), status, left.usageRecordId());
            }
            if (leases.release(left.leaseId(), JobRun.leaseOutcome(status))) {
                LOG.warn("job {} ended {} with its lease {} held: released", left.jobExecutionId(), status,
                        left.leaseId());
            }
        }
    }

    /**
     * Pool jobs still marked placed whose newest placement has ended, with no manager here: their
     * manager closed the placement (usage, lease) and died, or its store failed past the retries,
     * before it stored the job's end or moved the job on. The end is stored with the partition's
     * status if it was not, and the job moves on (its end, a recovery, a move) as its manager's
     * afterJob would have.
     */
    private void moveOnLeftPlaced() {
        for (Placements.Placement placement : placements.endedOfPlacedJobs()) {
            if (placement.jobExecutionId() == null || managed.contains(placement.jobExecutionId())) {
                continue;
            }
            JobExecution execution = repository.getJobExecution(placement.jobExecutionId());
            if (execution == null) {
                continue;
            }
            if (execution.getStatus().isRunning()) {
                say("job %d: its placement %d on node %s ended without the job's end: ending it", execution.getId(),
                        placement.epoch(), placement.node());
                finishOrphan(execution, placement);
            } else {
                say("job %d ended %s with its pool job left placed: moving it on", execution.getId(),
                        execution.getStatus());
                ended(execution, placement);
            }
        }
    }

    private void say(String format, Object... args) {
        synchronized (out) {
            out.printf(format + "%n", args);
            out.flush();
        }
        LOG.info(String.format(format, args));
    }

    /** Leaves the running managers to end on their own; a new controller takes them up. */
    @Override
    public void close() {
        for (WaitTicket ticket : tickets.values()) {
            try {
                leases.cancel(ticket);
            } catch (RuntimeException e) {
                LOG.debug("could not cancel a queued request: {}", e.toString());
            }
        }
        tickets.clear();
    }
}
