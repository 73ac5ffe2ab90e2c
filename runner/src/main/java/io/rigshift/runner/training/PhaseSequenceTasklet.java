package io.rigshift.runner.training;

import java.util.List;
import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.listener.StepExecutionListener;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.core.step.tasklet.StoppableTasklet;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;

/**
 * All phases of a job as one tasklet step, for a pool's worker: the phase being run is kept in
 * the step's context, so a partition restarted on another node (which starts with the dead
 * partition's context) goes on with the phase it was in, and skips those that were done.
 */
final class PhaseSequenceTasklet implements StoppableTasklet, StepExecutionListener {

    static final String CONTEXT_PHASE = "pool.phase";

    private final List<PhaseTasklet> phases;

    PhaseSequenceTasklet(List<PhaseTasklet> phases) {
        this.phases = List.copyOf(phases);
    }

    @Override
    public RepeatStatus execute(StepContribution contribution, ChunkContext chunkContext) throws Exception {
        StepExecution step = chunkContext.getStepContext().getStepExecution();
        int index = step.getExecutionContext().getInt(CONTEXT_PHASE, 0);
        if (index >= phases.size()) {
            return RepeatStatus.FINISHED;
        }
        RepeatStatus status = phases.get(index).execute(contribution, chunkContext);
        if (status == RepeatStatus.FINISHED) {
            phases.get(index).afterStep(step);
            step.getExecutionContext().putInt(CONTEXT_PHASE, index + 1);
            return index + 1 < phases.size() ? RepeatStatus.CONTINUABLE : RepeatStatus.FINISHED;
        }
        return status;
    }

    @Override
    public ExitStatus afterStep(StepExecution step) {
        int index = step.getExecutionContext().getInt(CONTEXT_PHASE, 0);
        if (index < phases.size()) {
            phases.get(index).afterStep(step);
        }
        return step.getExitStatus();
    }

    @Override
    public void stop() {
        phases.forEach(PhaseTasklet::stop);
    }

    @Override
    public void stop(StepExecution stepExecution) {
        stop();
    }
}
