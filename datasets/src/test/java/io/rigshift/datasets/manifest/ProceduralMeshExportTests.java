package io.rigshift.datasets.manifest;

import io.rigshift.datasets.mesh.VerdictKind;
import io.rigshift.datasets.shapes.CaptionedShape;
import io.rigshift.datasets.shapes.ProceduralShapes;
import io.rigshift.datasets.shapes.Split;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ProceduralMeshExportTests {

    @TempDir
    Path folder;

    @Test
    void exportedManifestValidatesWithEveryMeshWatertight() throws Exception {
        List<CaptionedShape> shapes = new ProceduralShapes(0.5).generate(Split.TRAIN, 8, 1);

        Path manifestFile = new ProceduralMeshExport(32).export(shapes, folder);

        Manifest manifest = Manifest.read(manifestFile);
        ManifestValidation validation = manifest.validate();
        assertTrue(validation.isValid(), validation.invalid().toString());
        assertEquals(8, validation.counts().get(VerdictKind.OK));
        assertEquals(shapes.get(3).caption(), manifest.entries().get(3).caption());
        assertEquals("shape-0004.obj", manifest.entries().get(3).path());
    }

    @Test
    void extractedMeshKeepsTheShapeVolume() throws Exception {
        ProceduralMeshExport export = new ProceduralMeshExport(48);
        for (CaptionedShape shape : new ProceduralShapes().generate(Split.VALIDATION, 6, 2)) {
            double sampled = sampledVolume(shape);
            double meshed = export.mesh(shape.shape()).volume();
            assertEquals(sampled, meshed, 0.1 * sampled + 0.001, shape.caption());
        }
    }

    private static double sampledVolume(CaptionedShape shape) {
        SplittableRandom random = new SplittableRandom(1);
        int inside = 0;
        int samples = 40_000;
        for (int i = 0; i < samples; i++) {
            inside += shape.shape().contains(random.nextDouble() - 0.5, random.nextDouble() - 0.5,
                    random.nextDouble() - 0.5) ? 1 : 0;
        }
        return (double) inside / samples;
    }
}
