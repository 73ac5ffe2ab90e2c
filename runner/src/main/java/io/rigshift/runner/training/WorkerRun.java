package io.rigshift.runner.training;

import io.rigshift.jobs.api.JobType;
import io.rigshift.jobs.training.DeviceAssignment;
import io.rigshift.runner.batch.JobLauncherContext;
import io.rigshift.runner.batch.JobRepositories;
import io.rigshift.runner.cli.ExitCodes;
import io.rigshift.runner.store.RigshiftHome;
import io.rigshift.runner.store.Store;
import io.rigshift.runner.store.StoreRetry;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.integration.partition.StepExecutionRequest;
import org.springframework.batch.integration.partition.StepExecutionRequestHandler;

/**
 * One partition of a pool job, run in the child JVM a node's agent starts for it (one training per
 * JVM): Spring Batch's {@link StepExecutionRequestHandler} runs the worker step, all phases of the
 * job, on the leased devices. A fence is asked at every heartbeat and checkpoint: once the
 * placement is no longer the job's current one (its node was declared lost and the job moved), the
 * JVM halts at once, writing nothing more.
 */
public final class WorkerRun {

    /** The worker step's name; partitions are named {@code run:p0}. */
    public static final String STEP = "run";
    /** Exit code of a worker that found itself fenced off. */
    public static final int FENCED = 4;

    private static final Logger LOG = LoggerFactory.getLogger(WorkerRun.class);

    private WorkerRun() {
    }

    /**
     * The repository as the worker may use it: every write (a step's status, counts or context,
     * the job's context) asks the fence first, so a worker whose placement moved writes nothing.
     */
    static JobRepository fenced(JobRepository repository, Runnable fence) {
        org.springframework.aop.framework.ProxyFactory factory = new org.springframework.aop.framework.ProxyFactory(
                repository);
        factory.addInterface(JobRepository.class);
        factory.addAdvice((org.aopalliance.intercept.MethodInterceptor) invocation -> {
            String name = invocation.getMethod().getName();
            if (name.startsWith("update") || name.startsWith("add") || name.startsWith("create")) {
                fence.run();
            }
            return invocation.proceed();
        });
        return (JobRepository) factory.getProxy(JobRepository.class.getClassLoader());
    }

    /**
     * Runs partition {@code stepExecutionId}; returns 0 when it completed or was stopped on request,
     * 1 when it failed.
     *
     * @param devices the devices of the lease, given what the engine sees
     * @param current the fence: false once this placement may write no more
     */
    public static int run(RigshiftHome home, Store store, Path jobsRoot, long stepExecutionId,
            Function<EngineSetup.EngineInfo, DeviceAssignment> devices, BooleanSupplier current, PrintWriter out) {
        Clock clock = Clock.systemUTC();
        HeartbeatPolicy policy = HeartbeatPolicy.current();
        StoreRetry retry = new StoreRetry(policy.storePatience(), store::evictConnections);
        JobRepository lookup = JobRepositories.jdbc(store);
        StepExecution partition = lookup.getStepExecution(stepExecutionId);
        if (partition == null) {
            throw new IllegalArgumentException("no step execution " + stepExecutionId);
        }
        JobExecution execution = partition.getJobExecution();
        var parameters = execution.getJobParameters();
        JobTypeCatalog.Loaded catalog = JobTypeCatalog.forResume(parameters.getString(RunKeys.JOB_JAR),
                parameters.getString(RunKeys.JOB_JAR_SHA256));
        JobType type = catalog.types().require(JobTypeCatalog.typeOfJob(execution.getJobInstance().getJobName()));
        Thread.currentThread().setContextClassLoader(catalog.loader());
        EngineSetup.EngineInfo engine = type.needsEngine() ? EngineSetup.start(home) : EngineSetup.withoutEngine();
        DeviceAssignment assigned = devices.apply(engine);
        out.printf("job %d (%s, tenant %s), partition %d: device %s%n", execution.getId(), type.name(),
                parameters.getString(RunKeys.TENANT), stepExecutionId, assigned.description());
        out.flush();

        Runnable fence = () -> {
            String why = null;
            try {
                if (!current.getAsBoolean()) {
                    why = "is no longer current";
                }
            } catch (RuntimeException e) {
                why = "cannot be shown current (" + e.getMessage() + ")";
            }
            if (why != null) {
                LOG.error("partition {} of job {}: this placement {}: halting without writing", stepExecutionId,
                        execution.getId(), why);
                out.println("fenced: this placement of job " + execution.getId() + " " + why + "; stopping at once");
                out.flush();
                Runtime.getRuntime().halt(FENCED);
            }
        };
        StopSignal stop = new StopSignal();
        ConsoleProgress console = new ConsoleProgress(out, false, assigned.description());
        // No fence call after a checkpoint: the commit guard asked just before it was renamed into place.
        RunReporter reporter = new RunReporter(console, () -> { }, clock);
        RunEnvironment environment = new RunEnvironment(type, jobsRoot, () -> assigned, reporter, stop,
                new JobMetrics(store, retry), clock, engine.versions(), fence);
        CountDownLatch done = new CountDownLatch(1);
        Thread hook = new Thread(() -> {
            stop.request(StopSignal.REQUESTED);
            try {
                done.await(JobRun.STOP_GRACE.toSeconds(), TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "rigshift-worker-stop");
        Runtime.getRuntime().addShutdownHook(hook);
        try (JobLauncherContext context = JobLauncherContext.start(store, environment, retry);
                Heartbeats beats = new Heartbeats(fence, policy)) {
            JobRepository repository = fenced(context.repository(), fence);
            reporter.attach(execution.getId());
            Step step = JobDefinitions.workerStep(STEP, type, repository, environment);
            StepExecutionRequestHandler handler = new StepExecutionRequestHandler();
            handler.setJobRepository(repository);
            handler.setStepLocator(name -> STEP.equals(name) ? step : null);
            StepExecution result = handler.handle(new StepExecutionRequest(STEP, stepExecutionId));
            if (!result.getStatus().isRunning() && result.getEndTime() == null) {
                // The handler caught what the step threw; "the receiver should update the stepExecution".
                result.setEndTime(java.time.LocalDateTime.now());
                retry.call("recording the partition's end", () -> {
                    repository.update(result);
                    return null;
                });
            }
            out.printf("partition %d of job %d %s%n", stepExecutionId, execution.getId(), result.getStatus());
            out.flush();
            return result.getStatus() == BatchStatus.COMPLETED || result.getStatus() == BatchStatus.STOPPED
                    ? ExitCodes.OK : ExitCodes.FAILED;
        } finally {
            done.countDown();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // The JVM is stopping; the hook lets us finish.
            }
        }
    }
}
