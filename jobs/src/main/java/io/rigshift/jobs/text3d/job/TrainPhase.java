package io.rigshift.jobs.text3d.job;

import io.rigshift.jobs.api.JobContext;
import io.rigshift.jobs.api.JobPhase;

/**
 * Phase 2: trains, chunk by chunk (a chunk ends at a checkpoint, at the end, on a stop, or after
 * a couple of seconds). A stop finishes the current batch and writes a checkpoint; a restart
 * continues from the newest checkpoint that verifies.
 */
final class TrainPhase implements JobPhase {

    /** State keys. */
    static final String STATE_GLOBAL_STEP = "text3d.step";

    private final WorkloadSource workloads;
    private TrainingSession session;

    TrainPhase(WorkloadSource workloads) {
        this.workloads = workloads;
    }

    @Override
    public String name() {
        return Text3dJobType.TRAIN;
    }

    @Override
    public Progress run(JobContext context) throws Exception {
        if (session == null) {
            var workload = workloads.load(context);
            session = new TrainingSession(WorkloadSource.fittedSettings(context, workload), workload, context);
            session.warnings().forEach(context.reporter()::warning);
            context.reporter().trainingStarted(session.trainer().globalStep(), session.trainer().totalSteps(),
                    session.trainer().stepsPerEpoch());
        }
        session.runChunk(context::stopRequested);
        context.state().putLong(STATE_GLOBAL_STEP, session.trainer().globalStep());
        if (session.trainer().isFinished()) {
            session.exportModel(WorkloadSource.settings(context));
            return Progress.DONE;
        }
        return Progress.MORE;
    }

    @Override
    public void stopping(JobContext context) {
        if (session != null) {
            session.checkpoint();
        }
    }

    @Override
    public void close(JobContext context) {
        if (session != null) {
            context.reporter().trainingEnded(session.trainer().globalStep());
            session.close();
            session = null;
        }
    }
}
