package io.rigshift.runner.cli;

import io.rigshift.jobs.api.JobType;
import io.rigshift.runner.batch.ExecutionLiveness;
import io.rigshift.runner.batch.JobRepositories;
import io.rigshift.runner.store.RigshiftHome;
import io.rigshift.runner.store.Store;
import io.rigshift.runner.training.DeviceAllocation;
import io.rigshift.runner.training.DeviceChoice;
import io.rigshift.runner.training.JobRun;
import io.rigshift.runner.training.JobTypeCatalog;
import io.rigshift.runner.training.RunKeys;
import io.rigshift.runner.training.RunLifecycle;
import java.io.PrintWriter;
import java.time.Clock;
import java.util.Comparator;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.repository.JobRepository;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code rigshift resume JOB}: restarts a failed, stopped or killed job through Spring Batch's
 * job operator. Completed steps are not rerun; the train step continues from its newest good
 * checkpoint. An execution left STARTED by a killed JVM is first marked failed with
 * {@code JobOperator.recover}.
 */
@Command(name = "resume",
        description = "Resumes a failed, stopped or killed job from its newest good checkpoint.")
public class ResumeCommand implements Callable<Integer> {

    @Mixin
    HomeOptions homeOptions;

    @Mixin
    ServerOptions serverOptions;

    @Parameters(index = "0", paramLabel = "JOB", description = "Job execution id, as listed by 'rigshift jobs'.")
    long jobId;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws InterruptedException {
        PrintWriter out = spec.commandLine().getOut();
        var client = serverOptions.client();
        if (client.isPresent()) {
            long resumed = client.get().post("/api/v1/jobs/" + jobId + "/resume").path("id").asLong();
            out.println("job " + jobId + " resumed on the server as execution " + resumed);
            out.flush();
            return ExitCodes.OK;
        }
        RigshiftHome home = homeOptions.home().ensureExists();
        try (Store store = homeOptions.openStore()) {
            JobRepository repository = JobRepositories.jdbc(store);
            JobExecution execution = newestOfInstance(repository, ExecutionLookup.require(repository, jobId));
            if (execution.getStatus() == BatchStatus.COMPLETED) {
                throw new UsageException("job " + jobId + " is COMPLETED: there is nothing to resume");
            }
            if (execution.getStatus() == BatchStatus.ABANDONED) {
                throw new UsageException("job " + jobId + " was ABANDONED and cannot be resumed");
            }
            if (RunKeys.pooled(execution.getJobParameters())) {
                return resumeInPool(store, execution, out);
            }
            if (execution.isRunning()) {
                Optional<String> stale = ExecutionLiveness.staleReason(execution, Clock.systemUTC());
                if (stale.isEmpty()) {
                    throw new UsageException("job " + jobId + " is still running (" + execution.getStatus()
                            + "); stop it first with 'rigshift stop " + execution.getId() + "'");
                }
                out.println("job " + execution.getId() + " was left " + execution.getStatus() + " by a process that "
                        + "died (" + stale.get() + "): marking it failed");
                execution = JobRepositories.operator(store, repository).recover(execution);
            }
            JobParameters parameters = execution.getJobParameters();
            JobTypeCatalog.Loaded catalog = JobTypeCatalog.forResume(parameters.getString(RunKeys.JOB_JAR),
                    parameters.getString(RunKeys.JOB_JAR_SHA256));
            JobType type = catalog.types().require(JobTypeCatalog.typeOfJob(execution.getJobInstance().getJobName()));
            String tenant = parameters.getString(RunKeys.TENANT);
            Long gpus = parameters.getLong(RunKeys.GPUS);
            Long restarts = parameters.getLong(RunKeys.MAX_RESTARTS);
            DeviceAllocation.Request request = new DeviceAllocation.Request(tenant,
                    DeviceChoice.valueOf(parameters.getString(RunKeys.DEVICE_REQUEST, DeviceChoice.auto.name())),
                    gpus == null ? null : gpus.intValue(), parameters.getString(RunKeys.GPU_MODEL), false, type.name());
            out.println("resuming job " + execution.getId() + " (" + type.name() + ", tenant " + tenant + ")");
            out.flush();
            JobExecution previous = execution;
            Thread.currentThread().setContextClassLoader(catalog.loader());
            return RunLifecycle.run(home, store, type, request, restarts == null ? 0 : restarts.intValue(), out,
                    context -> context.operator().restart(previous));
        }
    }

    /** A pool job resumes in the pool: queued again, its controller places it and restarts its newest execution. */
    private int resumeInPool(Store store, JobExecution execution, PrintWriter out) {
        if (execution.isRunning()) {
            throw new UsageException("job " + jobId + " is still " + (ExecutionLiveness.queuedInPool(execution)
                    ? "queued in the pool" : "running in the pool (" + execution.getStatus() + ")")
                    + "; stop it first with 'rigshift stop " + execution.getId() + "'");
        }
        if (!new io.rigshift.runner.cluster.Placements(store).requeue(execution.getJobInstance().getInstanceId(),
                execution.getId(), false)) {
            throw new UsageException("job " + jobId + " is already queued in the pool");
        }
        out.println("job " + execution.getId() + " queued in the pool again: the controller resumes it from its newest "
                + "checkpoint; follow it with: rigshift logs " + execution.getId() + " --follow");
        out.flush();
        return ExitCodes.OK;
    }

    private static JobExecution newestOfInstance(JobRepository repository, JobExecution execution) {
        return repository.getJobExecutions(execution.getJobInstance()).stream()
                .max(Comparator.comparingLong(JobExecution::getId)).orElse(execution);
    }
}
