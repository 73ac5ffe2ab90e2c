package io.rigshift.jobs.text3d.export;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rigshift.datasets.mesh.MeshAcceptance;
import io.rigshift.datasets.mesh.MeshValidator;
import io.rigshift.datasets.mesh.VerdictKind;
import io.rigshift.datasets.occupancy.UnitCubeGrid;
import io.rigshift.jobs.text3d.OccupancyPredictor;
import io.rigshift.jobs.text3d.OccupancyTrainer;
import io.rigshift.jobs.text3d.Text3dSettings;
import io.rigshift.jobs.text3d.Text3dWorkload;
import io.rigshift.jobs.training.DeviceAssignment;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MeshExportTests {

    @TempDir
    Path folder;

    /** Probability 1 inside a centred sphere of the radius, 0 outside. */
    private static float[] sphere(UnitCubeGrid grid, double radius) {
        float[] centers = grid.centers();
        float[] probabilities = new float[grid.cellCount()];
        for (int i = 0; i < probabilities.length; i++) {
            double x = centers[3 * i], y = centers[3 * i + 1], z = centers[3 * i + 2];
            probabilities[i] = x * x + y * y + z * z < radius * radius ? 1f : 0f;
        }
        return probabilities;
    }

    @Test
    void writesAClosedObjAPlyAndAPreviewOfThePredictedShape() throws IOException {
        MeshExport export = new MeshExport(24);

        MeshExport.ExportedMesh mesh = export.write(sphere(export.grid(), 0.3), "a ball", folder.resolve("samples"),
                "01-a-ball");

        Path samples = folder.resolve("samples");
        assertEquals(List.of(samples.resolve("01-a-ball.obj"), samples.resolve("01-a-ball.ply"),
                samples.resolve("01-a-ball.png")), mesh.files());
        assertNull(mesh.warning());
        assertEquals(VerdictKind.OK, MeshValidator.validate(samples.resolve("01-a-ball.obj"), MeshAcceptance.WATERTIGHT)
                .kind());
        assertTrue(Files.readString(samples.resolve("01-a-ball.ply"))
                .contains("element face " + mesh.mesh().faceCount()));
        assertEquals(512, ImageIO.read(samples.resolve("01-a-ball.png").toFile()).getWidth());
        try (var files = Files.list(samples)) {
            assertEquals(3, files.count(), "no temporary file is left behind");
        }
    }

    @Test
    void exportsAtResolution128ByDefault() {
        assertEquals(128, MeshExport.DEFAULT_RESOLUTION);
    }

    @Test
    void probabilitiesPredictedSlabBySlabEqualThoseOfTheWholeGridAtOnce() {
        Text3dSettings settings = Text3dSettings.smoke(5, 1, null, 16);
        Text3dWorkload workload = Text3dWorkload.procedural(settings);
        MeshExport export = new MeshExport(20);
        String caption = workload.validation().get(0).caption();
        try (OccupancyTrainer trainer = OccupancyTrainer.of(workload, settings, DeviceAssignment.cpu());
                OccupancyPredictor predictor = OccupancyPredictor.of(trainer, workload.vocabulary())) {
            assertArrayEquals(predictor.predict(caption, export.grid().centers()),
                    export.probabilities(predictor, caption), 1e-6f);
        }
    }

    @Test
    void anEmptyPredictionWritesNothingAndSaysWhy() throws IOException {
        MeshExport export = new MeshExport(8);

        MeshExport.ExportedMesh mesh = export.write(new float[export.grid().cellCount()], "a void", folder, "void");

        assertTrue(mesh.isEmpty());
        assertTrue(mesh.files().isEmpty());
        assertTrue(mesh.warning().contains("empty shape for 'a void'"), mesh.warning());
        try (var files = Files.list(folder)) {
            assertEquals(0, files.count());
        }
    }

    @Test
    void slugKeepsTheCaptionsWordsForAFileName() {
        assertEquals("a-tall-cone-on-a-flat-box", MeshExport.slug("A tall cone, on a FLAT box!"));
        assertEquals("shape", MeshExport.slug("  42 ... "));
        String longSlug = MeshExport.slug("a very small and very wide and very hollow torus beside a tall capsule");
        assertTrue(longSlug.length() <= 48 && !longSlug.endsWith("-"), longSlug);
    }
}
