package io.rigshift.jobs.text3d.job;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.rigshift.jobs.checkpoint.DurableFiles;
import io.rigshift.jobs.text3d.OccupancyPredictor;
import io.rigshift.jobs.text3d.Text3dEvaluation;
import io.rigshift.jobs.text3d.Text3dSettings;
import io.rigshift.jobs.text3d.Text3dWorkload;
import java.nio.file.Path;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;

/**
 * Step 3: volumetric IoU of the trained model on the validation split, the novel-combination
 * split and shuffled captions, written to {@code evaluation.json} in the job folder.
 */
final class EvaluateTasklet implements Tasklet {

    private final JobEnvironment environment;
    private final WorkloadSource workloads;

    EvaluateTasklet(JobEnvironment environment, WorkloadSource workloads) {
        this.environment = environment;
        this.workloads = workloads;
    }

    @Override
    public RepeatStatus execute(StepContribution contribution, ChunkContext chunkContext) throws Exception {
        StepInputs inputs = StepInputs.of(chunkContext, environment, workloads);
        StepExecution step = inputs.step();
        Path folder = inputs.folder();
        Text3dSettings settings = inputs.settings();
        Text3dWorkload workload = inputs.workload();
        Text3dEvaluation evaluation;
        try (OccupancyPredictor predictor = TrainedModel.load(folder, environment.devices().primary())) {
            evaluation = Text3dEvaluation.evaluate(predictor, workload, settings.evaluationGrid());
        }
        DurableFiles.writeAtomically(folder.resolve(ModelFiles.EVALUATION),
                new ObjectMapper().writerWithDefaultPrettyPrinter().writeValueAsBytes(EvaluationReport.of(evaluation)));
        contribution.incrementWriteCount(evaluation.validationCount() + evaluation.novelCount());
        step.getExecutionContext().putDouble("val_iou", evaluation.validationIou());
        step.getExecutionContext().putDouble("novel_iou", evaluation.novelIou());
        step.getExecutionContext().putDouble("shuffled_caption_iou", evaluation.shuffledCaptionIou());
        return RepeatStatus.FINISHED;
    }
}
