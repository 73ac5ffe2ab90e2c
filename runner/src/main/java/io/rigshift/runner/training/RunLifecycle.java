package io.rigshift.runner.training;

import io.rigshift.jobs.api.JobType;
import io.rigshift.runner.batch.JobLauncherContext;
import io.rigshift.runner.metering.UsageLedger;
import io.rigshift.runner.metering.UsageStart;
import io.rigshift.runner.node.HostNames;
import io.rigshift.runner.node.ProcessIdentity;
import io.rigshift.runner.pool.LeaseOutcome;
import io.rigshift.runner.store.RigshiftHome;
import io.rigshift.runner.store.Store;
import io.rigshift.runner.store.StoreRetry;
import java.io.PrintWriter;
import java.time.Clock;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.listener.JobExecutionListener;

/**
 * The one run lifecycle of every job type: allocate devices -> open the usage record -> heartbeat
 * lease and record -> run the execution -> close the record and release the lease, exactly once,
 * however the execution ends. A failed execution is restarted up to {@code maxRestarts} times, each
 * restart a new execution of the same job with its own allocation and usage record.
 *
 * <p>Faults it rides out: a heartbeat that throws is logged and the next one comes on time
 * ({@link Heartbeats}); a store outage shorter than the lease TTL is retried
 * ({@link StoreRetry}); a lease the pool reclaims stops the job at its next batch, with a
 * checkpoint and the reason in {@code status}.
 */
public final class RunLifecycle {

    private static final Logger LOG = LoggerFactory.getLogger(RunLifecycle.class);

    /** How the first execution is launched (start a new job, or restart an old execution). */
    public interface Launch {
        JobExecution launch(JobLauncherContext context) throws Exception;
    }

    private RunLifecycle() {
    }

    /** Runs the job to its end here and returns the CLI's exit code. */
    public static int run(RigshiftHome home, Store store, JobType type, DeviceAllocation.Request request,
            int maxRestarts, PrintWriter out, Launch first) throws InterruptedException {
        Clock clock = Clock.systemUTC();
        HeartbeatPolicy policy = HeartbeatPolicy.current();
        StoreRetry retry = new StoreRetry(policy.storePatience(), store::evictConnections);
        EngineSetup.EngineInfo engine = type.needsEngine() ? EngineSetup.start(home) : EngineSetup.withoutEngine();
        UsageLedger ledger = new UsageLedger(store, clock);
        // Records of killed processes (a job being resumed, say) end at their last heartbeat now.
        retry.call("closing stale usage records", () -> ledger.closeStale(policy.staleAfter()));

        StopSignal stop = new StopSignal();
        AtomicReference<DeviceAllocation> allocation = new AtomicReference<>(
                DeviceAllocation.allocate(request, home, store, ledger, engine, clock, policy, out));
        announce(out, allocation.get());
        AtomicReference<Heartbeats> heartbeats = new AtomicReference<>();
        ConsoleProgress console = new ConsoleProgress(out, System.console() != null,
                allocation.get().devices().description());
        RunReporter reporter = new RunReporter(console, () -> {
            Heartbeats beats = heartbeats.get();
            if (beats != null) {
                beats.beatSafely();
            }
        }, clock);
        RunEnvironment environment = new RunEnvironment(type, home.root().resolve("jobs"),
                () -> allocation.get().devices(), reporter, stop, new JobMetrics(store, retry), clock,
                engine.versions());
        Metering metering = new Metering(environment, ledger, allocation, heartbeats, policy, retry,
                store::evictConnections);
        try (JobLauncherContext context = JobLauncherContext.start(store, environment, retry)) {
            metering.repository = context.repository();
            context.registerListener(metering);
            context.beforeEndStored(metering::end);
            JobRun run = JobRun.launch(context, stop, out, () -> first.launch(context));
            int attempt = 0;
            long firstId = run.execution().getId();
            while (run.execution().getStatus() == BatchStatus.FAILED && attempt < maxRestarts && !stop.requested()
                    && !JobRun.isInputError(run.execution())) {
                attempt++;
                out.printf("restarting job %d (restart %d of %d)%n", firstId, attempt, maxRestarts);
                out.flush();
                allocation.set(DeviceAllocation.allocate(request, home, store, ledger, engine, clock, policy, out));
                announce(out, allocation.get());
                JobExecution previous = run.execution();
                run = JobRun.launch(context, stop, out, () -> context.operator().restart(previous));
            }
            return run.exitCode(stop);
        } finally {
            Heartbeats beats = heartbeats.getAndSet(null);
            if (beats != null) {
                beats.close();
            }
            // A run that never started (an error before its first step) gives its devices back here.
            allocation.get().release(LeaseOutcome.FAILED);
        }
    }

    private static void announce(PrintWriter out, DeviceAllocation allocation) {
        out.println(allocation.describe());
        out.flush();
    }

    /** Opens, heartbeats and closes the usage record of each execution, and ends its lease. */
    private static final class Metering implements JobExecutionListener {

        private static final long NONE = -1;

        private final RunEnvironment environment;
        private final UsageLedger ledger;
        private final AtomicReference<DeviceAllocation> allocation;
        private final AtomicReference<Heartbeats> heartbeats;
        private final StopSignal stop;
        private final HeartbeatPolicy policy;
        private final StoreRetry retry;
        private final Clock clock;
        private volatile Long record;
        /**
         * The execution metered now (beforeJob's), or {@link #NONE} once its end has run: the end of
         * any other execution is not this run's.
         */
        private final AtomicLong metered = new AtomicLong(NONE);
        private volatile org.springframework.batch.core.repository.JobRepository repository;

        private final Runnable evict;

        Metering(RunEnvironment environment, UsageLedger ledger, AtomicReference<DeviceAllocation> allocation,
                AtomicReference<Heartbeats> heartbeats, HeartbeatPolicy policy, StoreRetry retry, Runnable evict) {
            this.evict = evict;
            this.environment = environment;
            this.ledger = ledger;
            this.allocation = allocation;
            this.heartbeats = heartbeats;
            this.stop = environment.stop();
            this.policy = policy;
            this.retry = retry;
            this.clock = environment.clock();
        }

        @Override
        public void beforeJob(JobExecution execution) {
            DeviceAllocation devices = allocation.get();
            var context = execution.getExecutionContext();
            context.putString(RunKeys.CONTEXT_DEVICE, devices.devices().description());
            context.putString(RunKeys.CONTEXT_NODE, devices.lease().map(l -> l.node()).orElse(HostNames.local()));
            context.putString(RunKeys.CONTEXT_JOB_FOLDER,
                    environment.jobFolder(execution.getJobInstance().getInstanceId()).toString());
            environment.reporter().attach(execution.getId());
            io.rigshift.runner.batch.ExecutionLiveness.recordOwner(context);
            context.remove(RunKeys.CONTEXT_STOP_REASON);
            String tenant = execution.getJobParameters().getString(RunKeys.TENANT);
            long now = clock.millis();
            UsageStart start = devices.lease().map(l -> UsageStart.lease(tenant, execution.getId(), l.id(), l.node(),
                    l.gpuModel(), l.deviceCount(), now))
                    .orElseGet(() -> UsageStart.cpu(tenant, execution.getId(), HostNames.local(), now));
            // Saved now, not at the end of the first phase: a process killed during it must be known by its
            // owner (pid and start time) to be dead.
            repository.updateExecutionContext(execution);
            metered.set(execution.getId());
            record = retry.call("opening the usage record", () -> ledger.open(start));
            heartbeats.set(new Heartbeats(this::beat, policy, evict, environment.reporter()::heartbeatFailures));
        }

        /** Extends record and lease; a lease the pool took back stops the job at its next batch. */
        private void beat() {
            Long id = record;
            if (id == null || metered.get() == NONE) {
                return; // the execution has ended: its lease is released, not reclaimed
            }
            ledger.heartbeat(id);
            DeviceAllocation devices = allocation.get();
            // A beat that outlived Heartbeats.close (a store that did not answer) may find the lease released.
            if (!devices.heartbeat() && metered.get() != NONE) {
                String reason = "lease " + devices.lease().map(l -> l.id()).orElse("?") + " was reclaimed";
                if (!stop.requested()) {
                    LOG.warn("{}: stopping the job at its next batch", reason);
                }
                stop.request(reason);
            }
        }

        @Override
        public void afterJob(JobExecution execution) {
            // Done before the end was stored (JobEnds), unless that update never came.
            end(execution);
            if (stop.imposed()) {
                execution.getExecutionContext().putString(RunKeys.CONTEXT_STOP_REASON, stop.reason());
                execution.setExitStatus(execution.getExitStatus().addExitDescription(stop.reason()));
                repository.updateExecutionContext(execution);
            }
        }

        /**
         * The execution's end, once: heartbeats stop, the usage record closes and the lease is
         * released, before Spring Batch stores the end, so that whoever sees the job ended sees its
         * bill whole.
         */
        void end(JobExecution execution) {
            if (!metered.compareAndSet(execution.getId(), NONE)) {
                return;
            }
            Heartbeats beats = heartbeats.getAndSet(null);
            if (beats != null) {
                beats.close();
            }
            BatchStatus status = execution.getStatus();
            Long id = record;
            if (id != null) {
                retry.call("closing the usage record", () -> ledger.close(id, JobRun.usageOutcome(status)));
            }
            retry.call("releasing the lease", () -> {
                allocation.get().release(JobRun.leaseOutcome(status));
                return null;
            });
        }
    }
}
