package io.rigshift.jobs.text3d.job;

import io.rigshift.jobs.text3d.Text3dSettings;
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
 * Step 2: trains, chunk by chunk. After each chunk Spring Batch commits the step's execution
 * context, which records the newest checkpoint, the global step and the last loss. A stop (from
 * {@code rigshift stop}, which marks the execution STOPPING in the repository, or from SIGTERM
 * in this process) finishes the current batch, writes a checkpoint and leaves the step STOPPED.
 * On a restart the step continues from the newest checkpoint that verifies.
 */
final class TrainTasklet implements StoppableTasklet, StepExecutionListener {

    private final JobEnvironment environment;
    private final WorkloadSource workloads;
    private final JobRepository repository;
    private volatile boolean stopRequested;
    private TrainingSession session;

    TrainTasklet(JobEnvironment environment, WorkloadSource workloads, JobRepository repository) {
        this.environment = environment;
        this.workloads = workloads;
        this.repository = repository;
    }

    @Override
    public RepeatStatus execute(StepContribution contribution, ChunkContext chunkContext) throws Exception {
        StepExecution step = chunkContext.getStepContext().getStepExecution();
        Text3dSettings settings = RunSettings.settings(step.getJobParameters());
        if (session == null) {
            session = open(StepInputs.of(chunkContext, environment, workloads));
        }
        int batches = session.runChunk(() -> stopRequested);
        contribution.incrementWriteCount(batches);
        ExecutionContext context = step.getExecutionContext();
        context.putLong(Text3dJob.CONTEXT_GLOBAL_STEP, session.trainer().globalStep());
        if (!session.lossHistory().isEmpty()) {
            context.putDouble(Text3dJob.CONTEXT_FIRST_LOSS, session.lossHistory().get(0));
            context.putDouble(Text3dJob.CONTEXT_LAST_LOSS, session.lossHistory().get(session.lossHistory().size() - 1));
        }
        if (session.trainer().isFinished()) {
            session.exportModel(settings);
            recordCheckpoint(context);
            return RepeatStatus.FINISHED;
        }
        if (stopRequested || stopRequestedElsewhere(step)) {
            session.checkpoint();
            step.setTerminateOnly();
        }
        recordCheckpoint(context);
        return RepeatStatus.CONTINUABLE;
    }

    private TrainingSession open(StepInputs inputs) throws Exception {
        StepExecution step = inputs.step();
        long every = RunSettings.longOr(step.getJobParameters(), Text3dJob.CHECKPOINT_EVERY, 200);
        long interval = RunSettings.longOr(step.getJobParameters(), Text3dJob.CHECKPOINT_INTERVAL, 300);
        int keep = (int) RunSettings.longOr(step.getJobParameters(), Text3dJob.KEEP, 3);
        TrainingSession opened = new TrainingSession(inputs.settings(), inputs.workload(), environment,
                inputs.folder(), every, interval, keep);
        opened.warnings().forEach(environment.observer()::warning);
        environment.observer().trainingStarted(opened.trainer().globalStep(), opened.trainer().totalSteps(),
                opened.trainer().stepsPerEpoch(), environment.devices().description());
        return opened;
    }

    private void recordCheckpoint(ExecutionContext context) {
        if (session.lastCheckpoint() != null) {
            context.putString(Text3dJob.CONTEXT_CHECKPOINT, session.lastCheckpoint().getFileName().toString());
        }
    }

    /** Whether {@code rigshift stop} (any process) marked this execution STOPPING. */
    private boolean stopRequestedElsewhere(StepExecution step) {
        JobExecution stored = repository.getJobExecution(step.getJobExecutionId());
        return stored != null && stored.getStatus() == BatchStatus.STOPPING;
    }

    /** Asks the running training to stop after its current batch (SIGTERM, Ctrl-C, same-process stop). */
    @Override
    public void stop() {
        stopRequested = true;
    }

    @Override
    public void stop(StepExecution stepExecution) {
        stop();
    }

    @Override
    public ExitStatus afterStep(StepExecution stepExecution) {
        if (session != null) {
            environment.observer().trainingEnded(session.trainer().globalStep());
            session.close();
            session = null;
        }
        return stepExecution.getExitStatus();
    }
}
