package io.rigshift.datasets;

import io.rigshift.datasets.manifest.Manifest;
import io.rigshift.datasets.manifest.ProceduralMeshExport;
import io.rigshift.datasets.shapes.ProceduralShapes;
import io.rigshift.datasets.shapes.Split;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DatasetSummaryTests {

    @TempDir
    Path folder;

    @Test
    void summarisesProceduralSplits() {
        Map<Split, Integer> counts = new LinkedHashMap<>();
        counts.put(Split.TRAIN, 100);
        counts.put(Split.VALIDATION, 20);

        DatasetSummary summary = DatasetSummary.ofProcedural(new ProceduralShapes(), counts, 7);

        assertEquals(Map.of("train", 100, "validation", 20), summary.countsBySplit());
        assertEquals(0.3, summary.compositeShare(), 1e-9);
        assertEquals(7, summary.countsByCategory().size());
        assertTrue(summary.vocabularySize() > 30);
        assertEquals(DatasetSummary.EXAMPLES, summary.exampleCaptions().size());
        assertTrue(summary.lines().contains("two-part compositions: 30.0%"), summary.lines().toString());
    }

    @Test
    void summarisesManifestWithFileVerdicts() throws Exception {
        Path manifestFile = new ProceduralMeshExport(24)
                .export(new ProceduralShapes().generate(Split.TRAIN, 3, 7), folder);
        Manifest manifest = Manifest.read(manifestFile);

        DatasetSummary summary = DatasetSummary.ofManifest(manifest, manifest.validate());

        assertEquals(Map.of("manifest", 3), summary.countsBySplit());
        assertEquals(Map.of("mesh", 3), summary.countsByCategory());
        assertEquals("3 files: 3 OK", summary.fileVerdicts());
        assertTrue(summary.lines().contains("verdicts: 3 files: 3 OK"), summary.lines().toString());
    }
}
