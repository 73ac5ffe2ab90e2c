package io.rigshift.jobs.text3d.export;

import io.rigshift.jobs.text3d.OccupancyPredictor;
import io.rigshift.jobs.text3d.OccupancyTrainer;
import io.rigshift.jobs.text3d.Text3dSettings;
import io.rigshift.jobs.text3d.Text3dWorkload;
import io.rigshift.jobs.training.DeviceAssignment;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Time per exported mesh at the default resolution with the standard preset's network (randomly
 * initialised: the cost does not depend on the weights), split into prediction and extraction plus files.
 * Run with the jobs test classpath: {@code java -cp ... io.rigshift.jobs.text3d.export.MeshExportBenchmark [N] [ROUNDS]}.
 */
public final class MeshExportBenchmark {

    private MeshExportBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int resolution = args.length > 0 ? Integer.parseInt(args[0]) : MeshExport.DEFAULT_RESOLUTION;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        Text3dSettings settings = Text3dSettings.standard(1, 1, null, 64);
        Text3dWorkload workload = Text3dWorkload.procedural(settings);
        MeshExport export = new MeshExport(resolution);
        Path folder = Files.createTempDirectory("mesh-export-benchmark");
        String caption = workload.validation().get(0).caption();
        try (OccupancyTrainer trainer = OccupancyTrainer.of(workload, settings, DeviceAssignment.cpu());
                OccupancyPredictor predictor = OccupancyPredictor.of(trainer, workload.vocabulary())) {
            for (int round = 0; round < rounds; round++) {
                long start = System.nanoTime();
                float[] probabilities = export.probabilities(predictor, caption);
                long predicted = System.nanoTime();
                MeshExport.ExportedMesh mesh = export.write(probabilities, caption, folder, "round-" + round);
                long written = System.nanoTime();
                System.out.printf("%d^3: predict %.2f s, extract and write %.2f s, total %.2f s; %s%n", resolution,
                        (predicted - start) / 1e9, (written - predicted) / 1e9, (written - start) / 1e9, mesh.mesh());
            }
        }
    }
}
