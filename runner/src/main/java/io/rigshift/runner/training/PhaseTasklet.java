package io.rigshift.runner.training;

import io.rigshift.jobs.api.JobPhase;
import java.util.Map;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.listener.StepExecutionListener;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.core.step.tasklet.StoppableTasklet;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;

/**
 * Runs one {@link JobPhase} as a Spring Batch tasklet step: one {@code run} per chunk, after which
 * Spring Batch commits the step (progress the job reported goes into the step's context, metrics
 * into the store). A stop (the user's {@code stop} in any process, SIGTERM here, or a reclaimed
 * lease) lets the phase make its state durable, then ends the step STOPPED.
 */
final class PhaseTasklet implements StoppableTasklet, StepExecutionListener {

    private final JobPhase phase;
    private final RunEnvironment environment;
    private final JobRepository repository;
    private final RunningJobs jobs;

    PhaseTasklet(JobPhase phase, RunEnvironment environment, JobRepository repository, RunningJobs jobs) {
        this.phase = phase;
        this.environment = environment;
        this.repository = repository;
        this.jobs = jobs;
    }

    @Override
    public RepeatStatus execute(StepContribution contribution, ChunkContext chunkContext) throws Exception {
        StepExecution step = chunkContext.getStepContext().getStepExecution();
        RunningJob job = jobs.of(step.getJobExecution());
        // The repository was asked at the end of the previous chunk; only a step's first chunk asks it here.
        boolean stopBefore = step.getCommitCount() == 0 ? stopWanted(step) : environment.stop().requested();
        if (!stopBefore) {
            JobPhase.Progress progress = phase.run(job);
            contribution.incrementWriteCount(1);
            record(step, job);
            if (progress == JobPhase.Progress.DONE) {
                return RepeatStatus.FINISHED;
            }
            if (!stopWanted(step)) {
                return RepeatStatus.CONTINUABLE;
            }
            phase.stopping(job);
            record(step, job);
        }
        step.setTerminateOnly();
        return RepeatStatus.CONTINUABLE;
    }

    /** A stop asked here (signal, lease) or in the repository by {@code rigshift stop} from anywhere. */
    private boolean stopWanted(StepExecution step) {
        if (environment.stop().requested()) {
            return true;
        }
        JobExecution stored = repository.getJobExecution(step.getJobExecutionId());
        if (stored != null && stored.getStatus() == BatchStatus.STOPPING) {
            environment.stop().request(StopSignal.REQUESTED);
            return true;
        }
        return false;
    }

    /** Moves what the job reported into the step's context and the store. */
    private void record(StepExecution step, RunningJob job) {
        RunReporter.Drained drained = environment.reporter().drain();
        ExecutionContext context = step.getExecutionContext();
        if (drained.globalStep() != null) {
            context.putLong(RunKeys.CONTEXT_GLOBAL_STEP, drained.globalStep());
        }
        if (drained.firstLoss() != null && !context.containsKey(RunKeys.CONTEXT_FIRST_LOSS)) {
            context.putDouble(RunKeys.CONTEXT_FIRST_LOSS, drained.firstLoss());
        }
        if (drained.lastLoss() != null) {
            context.putDouble(RunKeys.CONTEXT_LAST_LOSS, drained.lastLoss());
        }
        if (drained.lastCheckpoint() != null) {
            context.putString(RunKeys.CONTEXT_CHECKPOINT, drained.lastCheckpoint());
        }
        JobExecution execution = step.getJobExecution();
        boolean jobContextChanged = job.takeStateChanged();
        for (Map.Entry<String, Double> metric : drained.latestMetrics().entrySet()) {
            execution.getExecutionContext().putDouble(RunKeys.CONTEXT_METRIC_PREFIX + metric.getKey(), metric.getValue());
            jobContextChanged = true;
        }
        if (environment.metrics() != null) {
            environment.metrics().append(drained.metrics());
        }
        if (jobContextChanged) {
            repository.updateExecutionContext(execution);
        }
    }

    @Override
    public void stop() {
        environment.stop().request(StopSignal.REQUESTED);
    }

    @Override
    public void stop(StepExecution stepExecution) {
        stop();
    }

    @Override
    public ExitStatus afterStep(StepExecution stepExecution) {
        try {
            phase.close(jobs.of(stepExecution.getJobExecution()));
        } catch (Exception e) {
            throw new IllegalStateException("phase " + phase.name() + " could not close: " + e.getMessage(), e);
        }
        return stepExecution.getExitStatus();
    }
}
