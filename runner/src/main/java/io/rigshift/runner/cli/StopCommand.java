package io.rigshift.runner.cli;

import io.rigshift.runner.batch.ExecutionLiveness;
import io.rigshift.runner.batch.JobRepositories;
import io.rigshift.runner.store.Store;
import java.time.Clock;
import java.util.concurrent.Callable;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.repository.JobRepository;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code rigshift stop JOB}: asks a running job to checkpoint after its current batch and stop. */
@Command(name = "stop",
        description = "Stops a running job gracefully: it finishes its batch, writes a checkpoint and ends "
                + "STOPPED, resumable with 'rigshift resume'.")
public class StopCommand implements Callable<Integer> {

    @Mixin
    HomeOptions homeOptions;

    @Mixin
    ServerOptions serverOptions;

    @Parameters(index = "0", paramLabel = "JOB", description = "Job execution id.")
    long jobId;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        var client = serverOptions.client();
        if (client.isPresent()) {
            client.get().post("/api/v1/jobs/" + jobId + "/stop");
        } else {
            try (Store store = homeOptions.openStore()) {
                requestStop(store, jobId);
            }
        }
        spec.commandLine().getOut().println("stop requested: job " + jobId
                + " will checkpoint after its current batch and end STOPPED");
        spec.commandLine().getOut().flush();
        return ExitCodes.OK;
    }

    /** Marks a running execution STOPPING; a usage error when it is not running or its process died. */
    public static void requestStop(Store store, long jobId) {
        {
            JobRepository repository = JobRepositories.jdbc(store);
            JobExecution execution = ExecutionLookup.require(repository, jobId);
            if (!execution.isRunning()) {
                throw new UsageException("job " + jobId + " is " + execution.getStatus() + ", not running");
            }
            var stale = ExecutionLiveness.staleReason(execution, Clock.systemUTC());
            if (stale.isPresent()) {
                throw new UsageException("job " + jobId + " is stale (" + stale.get()
                        + "): nothing to stop; continue it with 'rigshift resume " + jobId + "'");
            }
            // What JobOperator.stop does, minus its end time: Spring Batch 6.0 then records the
            // execution STOPPED at once "since it has already ended", while the job (in another
            // process) is still finishing its step. STOPPING is what the running job polls for.
            execution.setStatus(BatchStatus.STOPPING);
            repository.update(execution);
        }
    }
}
