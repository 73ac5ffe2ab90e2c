package io.rigshift.runner.cluster;

import io.rigshift.runner.batch.JobRepositories;
import io.rigshift.runner.store.Store;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.JobInstance;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.job.parameters.JobParametersBuilder;
import io.rigshift.runner.training.RunKeys;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.infrastructure.item.ExecutionContext;

/** Queues a job in the pool: its Spring Batch instance and first execution now, placed by the controller. */
public final class PoolSubmission {

    private PoolSubmission() {
    }

    /** Returns the id of the job's first execution (what {@code jobs}, {@code status} and {@code stop} take). */
    public static long submit(Store store, String jobName, JobParameters parameters, String tenant, int gpus,
            String gpuModel, int maxRestarts) {
        JobRepository repository = JobRepositories.jdbc(store);
        JobParameters pooled = new JobParametersBuilder(parameters).addString(RunKeys.POOL, "true", false)
                .toJobParameters();
        // The repository runs its own transactions (it refuses to join one): a crash between the two writes
        // leaves an execution that was never queued, STARTING for ever, which 'jobs' shows and nothing runs.
        JobInstance instance = repository.createJobInstance(jobName, pooled);
        JobExecution execution = repository.createJobExecution(instance, pooled, new ExecutionContext());
        new Placements(store).queue(instance.getInstanceId(), tenant, jobName, gpus, gpuModel, maxRestarts,
                execution.getId());
        return execution.getId();
    }
}
