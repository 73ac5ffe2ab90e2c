package io.rigshift.runner.training;

import io.rigshift.jobs.api.InvalidJobParameterException;
import io.rigshift.jobs.api.JobPhase;
import io.rigshift.jobs.api.JobType;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.builder.JobBuilder;
import org.springframework.batch.core.job.builder.SimpleJobBuilder;
import org.springframework.batch.core.job.parameters.InvalidJobParametersException;
import org.springframework.batch.core.job.parameters.JobParametersValidator;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.batch.infrastructure.support.transaction.ResourcelessTransactionManager;

/**
 * Turns a {@link JobType} into a Spring Batch {@link Job}: one tasklet step per phase, in order,
 * and a parameters validator that checks the job type's parameters.
 */
public final class JobDefinitions {

    private JobDefinitions() {
    }

    /**
     * The job. Its phases write files, never the database, so their chunks run under a resourceless
     * transaction manager: the repository's own short transactions record progress. (A JDBC chunk
     * transaction would hold SQLite's write lock for a whole chunk of training and starve every
     * other process sharing the store.)
     */
    public static Job build(JobType type, JobRepository repository, RunEnvironment environment) {
        List<JobPhase> phases = type.phases();
        if (phases.isEmpty()) {
            throw new IllegalStateException("job type " + type.name() + " has no phases");
        }
        Set<String> names = new HashSet<>();
        RunningJobs jobs = new RunningJobs(environment);
        ResourcelessTransactionManager transactions = new ResourcelessTransactionManager();
        SimpleJobBuilder builder = null;
        for (JobPhase phase : phases) {
            if (!names.add(phase.name())) {
                throw new IllegalStateException("job type " + type.name() + " has two phases named " + phase.name());
            }
            PhaseTasklet tasklet = new PhaseTasklet(phase, environment, repository, jobs);
            Step step = new StepBuilder(phase.name(), repository).tasklet(tasklet, transactions).listener(tasklet).build();
            builder = builder == null ? new JobBuilder(type.name(), repository).start(step) : builder.next(step);
        }
        return builder.validator(validator(type)).build();
    }

    /**
     * The step a pool's worker runs: every phase of the job type in order, in one tasklet step
     * (one partition per run; the phase reached is in the step's context).
     */
    public static Step workerStep(String name, JobType type, JobRepository repository, RunEnvironment environment) {
        RunningJobs jobs = new RunningJobs(environment);
        java.util.List<PhaseTasklet> tasklets = type.phases().stream()
                .map(phase -> new PhaseTasklet(phase, environment, repository, jobs)).toList();
        PhaseSequenceTasklet sequence = new PhaseSequenceTasklet(tasklets);
        return new StepBuilder(name, repository).tasklet(sequence, new ResourcelessTransactionManager())
                .listener(sequence).build();
    }

    /** Spring Batch's hook for the job type's own checks: runs before an execution starts. */
    static JobParametersValidator validator(JobType type) {
        return parameters -> {
            try {
                type.validate(RunningJob.arguments(type, parameters));
            } catch (InvalidJobParameterException e) {
                throw new InvalidJobParametersException(e.getMessage());
            }
        };
    }
}
