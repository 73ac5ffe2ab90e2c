package io.rigshift.jobs.text3d.job;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.rigshift.datasets.occupancy.CaptionedSample;
import io.rigshift.jobs.checkpoint.DurableFiles;
import io.rigshift.jobs.text3d.OccupancyPredictor;
import io.rigshift.jobs.text3d.Text3dWorkload;
import io.rigshift.jobs.text3d.export.LossCurve;
import io.rigshift.jobs.text3d.export.MeshExport;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;

/**
 * Step 4: the artifacts people look at: the loss curve, and meshes with previews of the first
 * {@value #SAMPLES} validation captions in {@code samples/}. (The model itself was written by the
 * train step.)
 */
final class ExportTasklet implements Tasklet {

    /** Validation captions exported as meshes. */
    static final int SAMPLES = 4;

    private static final Logger LOG = LoggerFactory.getLogger(ExportTasklet.class);

    private final JobEnvironment environment;
    private final WorkloadSource workloads;

    ExportTasklet(JobEnvironment environment, WorkloadSource workloads) {
        this.environment = environment;
        this.workloads = workloads;
    }

    @Override
    public RepeatStatus execute(StepContribution contribution, ChunkContext chunkContext) throws Exception {
        StepInputs inputs = StepInputs.of(chunkContext, environment, workloads);
        StepExecution step = inputs.step();
        Path folder = inputs.folder();
        List<Float> losses = new ObjectMapper().readValue(folder.resolve(ModelFiles.LOSS_HISTORY).toFile(),
                new TypeReference<List<Float>>() { });
        LossCurve.writePng(losses, "text3d-train job " + step.getJobExecution().getJobInstance().getInstanceId(),
                folder.resolve("loss-curve.png"));
        contribution.incrementWriteCount(1);
        Text3dWorkload workload = inputs.workload();
        contribution.incrementWriteCount(exportSamples(workload.validation(), folder));
        return RepeatStatus.FINISHED;
    }

    /** Writes meshes of the first validation captions; returns how many were written. */
    private int exportSamples(List<? extends CaptionedSample> validation, Path folder) throws Exception {
        Path samples = folder.resolve(ModelFiles.SAMPLES);
        MeshExport export = new MeshExport(MeshExport.DEFAULT_RESOLUTION);
        int written = 0;
        try (OccupancyPredictor predictor = TrainedModel.load(folder, environment.devices().primary())) {
            for (int i = 0; i < Math.min(SAMPLES, validation.size()); i++) {
                String caption = validation.get(i).caption();
                String name = String.format("%02d-%s", i + 1, MeshExport.slug(caption));
                MeshExport.ExportedMesh mesh = export.export(predictor, caption, samples, name);
                if (mesh.isEmpty()) {
                    // An undertrained model may predict nothing; the note says why the mesh is missing.
                    LOG.warn("export sample {}: {}", name, mesh.warning());
                    DurableFiles.writeAtomically(samples.resolve(name + ".txt"),
                            (mesh.warning() + "\n").getBytes(StandardCharsets.UTF_8));
                } else {
                    written++;
                }
            }
        }
        return written;
    }
}
