package io.rigshift.jobs.text3d.job;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.rigshift.jobs.api.JobContext;
import io.rigshift.jobs.api.JobPhase;
import io.rigshift.jobs.checkpoint.DurableFiles;
import io.rigshift.jobs.text3d.OccupancyPredictor;
import io.rigshift.jobs.text3d.Text3dEvaluation;
import io.rigshift.jobs.text3d.Text3dWorkload;
import java.nio.file.Path;

/**
 * Phase 3: volumetric IoU of the trained model on the validation split, the novel-combination
 * split and shuffled captions, written to {@code evaluation.json} and reported as metrics.
 */
final class EvaluatePhase implements JobPhase {

    /** Metric names. */
    static final String VAL_IOU = "val_iou";
    static final String NOVEL_IOU = "novel_iou";
    static final String SHUFFLED_IOU = "shuffled_caption_iou";

    private final WorkloadSource workloads;

    EvaluatePhase(WorkloadSource workloads) {
        this.workloads = workloads;
    }

    @Override
    public String name() {
        return Text3dJobType.EVALUATE;
    }

    @Override
    public Progress run(JobContext context) throws Exception {
        Path folder = context.jobFolder();
        Text3dWorkload workload = workloads.load(context);
        Text3dEvaluation evaluation;
        try (OccupancyPredictor predictor = TrainedModel.load(folder, context.devices().primary())) {
            evaluation = Text3dEvaluation.evaluate(predictor, workload, WorkloadSource.settings(context).evaluationGrid());
        }
        DurableFiles.writeAtomically(folder.resolve(ModelFiles.EVALUATION),
                new ObjectMapper().writerWithDefaultPrettyPrinter().writeValueAsBytes(EvaluationReport.of(evaluation)));
        long step = context.state().getLong(TrainPhase.STATE_GLOBAL_STEP).orElse(0L);
        report(context, step, VAL_IOU, evaluation.validationIou());
        report(context, step, NOVEL_IOU, evaluation.novelIou());
        report(context, step, SHUFFLED_IOU, evaluation.shuffledCaptionIou());
        return Progress.DONE;
    }

    private static void report(JobContext context, long step, String name, double value) {
        if (!Double.isNaN(value)) {
            context.reporter().metric(step, name, value);
        }
    }
}
