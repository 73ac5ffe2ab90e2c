package io.rigshift.runner.training;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.springframework.batch.core.job.JobExecution;

/** The {@link RunningJob} of each job execution of this process, shared by its phases. */
final class RunningJobs {

    private final RunEnvironment environment;
    private final ConcurrentMap<Long, RunningJob> byExecution = new ConcurrentHashMap<>();

    RunningJobs(RunEnvironment environment) {
        this.environment = environment;
    }

    RunningJob of(JobExecution execution) {
        return byExecution.computeIfAbsent(execution.getId(), id -> new RunningJob(environment, execution));
    }
}
