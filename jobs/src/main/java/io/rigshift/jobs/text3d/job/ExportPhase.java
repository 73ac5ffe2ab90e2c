package io.rigshift.jobs.text3d.job;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.rigshift.datasets.occupancy.CaptionedSample;
import io.rigshift.jobs.api.JobContext;
import io.rigshift.jobs.api.JobPhase;
import io.rigshift.jobs.checkpoint.DurableFiles;
import io.rigshift.jobs.text3d.OccupancyPredictor;
import io.rigshift.jobs.text3d.export.LossCurve;
import io.rigshift.jobs.text3d.export.MeshExport;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Phase 4: the artifacts people look at: the loss curve, and meshes with previews of the first
 * {@value #SAMPLES} validation captions in {@code samples/}. (The model itself was written by the
 * train phase.)
 */
final class ExportPhase implements JobPhase {

    /** Validation captions exported as meshes. */
    static final int SAMPLES = 4;

    private static final Logger LOG = LoggerFactory.getLogger(ExportPhase.class);

    private final WorkloadSource workloads;

    ExportPhase(WorkloadSource workloads) {
        this.workloads = workloads;
    }

    @Override
    public String name() {
        return Text3dJobType.EXPORT;
    }

    @Override
    public Progress run(JobContext context) throws Exception {
        Path folder = context.jobFolder();
        List<Float> losses = new ObjectMapper().readValue(folder.resolve(ModelFiles.LOSS_HISTORY).toFile(),
                new TypeReference<List<Float>>() { });
        LossCurve.writePng(losses, "text3d job " + context.executionId(), folder.resolve("loss-curve.png"));
        exportSamples(context, workloads.load(context).validation(), folder);
        return Progress.DONE;
    }

    private void exportSamples(JobContext context, List<? extends CaptionedSample> validation, Path folder)
            throws Exception {
        Path samples = folder.resolve(ModelFiles.SAMPLES);
        MeshExport export = new MeshExport(WorkloadSource.settings(context).smoke() ? MeshExport.SMOKE_RESOLUTION
                : MeshExport.DEFAULT_RESOLUTION);
        try (OccupancyPredictor predictor = TrainedModel.load(folder, context.devices().primary())) {
            for (int i = 0; i < Math.min(SAMPLES, validation.size()); i++) {
                String caption = validation.get(i).caption();
                String name = String.format("%02d-%s", i + 1, MeshExport.slug(caption));
                MeshExport.ExportedMesh mesh = export.export(predictor, caption, samples, name);
                if (mesh.isEmpty()) {
                    // An undertrained model may predict nothing; the note says why the mesh is missing.
                    LOG.warn("export sample {}: {}", name, mesh.warning());
                    DurableFiles.writeAtomically(samples.resolve(name + ".txt"),
                            (mesh.warning() + "\n").getBytes(StandardCharsets.UTF_8));
                }
            }
        }
    }
}
