package io.rigshift.jobs.text3d;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.rigshift.datasets.manifest.ProceduralMeshExport;
import io.rigshift.datasets.occupancy.CaptionedSample;
import io.rigshift.datasets.shapes.ProceduralShapes;
import io.rigshift.datasets.shapes.Split;
import io.rigshift.jobs.text3d.job.EvaluationReport;
import io.rigshift.jobs.training.DeviceAssignment;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A user's manifest as the data of a run: loading, invalid files, the split, and a few training steps. */
class ManifestWorkloadTests {

    private static final int SHAPES = 10;

    @TempDir
    Path folder;

    /** Ten procedural shapes as OBJ meshes on a coarse grid (fast to validate and sample). */
    private Path manifest() throws IOException {
        return new ProceduralMeshExport(16).export(new ProceduralShapes().generate(Split.TRAIN, SHAPES, 5), folder);
    }

    /** The manifest plus a lone open triangle (no inside) and a file that is not OBJ at all. */
    private Path manifestWithBadFiles() throws IOException {
        Path manifest = manifest();
        Files.writeString(folder.resolve("open.obj"), "v 0 0 0\nv 1 0 0\nv 0 1 0\nf 1 2 3\n");
        Files.writeString(folder.resolve("corrupt.obj"), "v 0 0 zero\nf 1 2 3\n");
        Files.writeString(manifest, "an open sheet,open.obj\na broken file,corrupt.obj\n",
                StandardOpenOption.APPEND);
        return manifest;
    }

    private static Text3dSettings settings(long seed) {
        return new Text3dSettings(false, SHAPES, 1, 0, 128, 8, 8, 16, 3, 32, 2, 8, 8,
                new TrainingPlan(seed, 2, 3, 64, 3e-3));
    }

    @Test
    void invalidFilesStopTheRunWithOneErrorNamingEachOfThem() throws IOException {
        Path manifest = manifestWithBadFiles();

        InvalidDatasetException error = assertThrows(InvalidDatasetException.class,
                () -> Text3dWorkload.fromManifest(manifest, settings(1), false));

        String firstLine = error.getMessage().lines().findFirst().orElseThrow();
        assertTrue(firstLine.contains("2 invalid file(s)"), firstLine);
        assertTrue(firstLine.contains("open.obj (NO_INSIDE)"), firstLine);
        assertTrue(firstLine.contains("corrupt.obj (UNREADABLE)"), firstLine);
        assertTrue(firstLine.contains("--skip-invalid"), firstLine);
    }

    @Test
    void skipInvalidLeavesBadFilesOutWithAWarningEach() throws IOException {
        Path manifest = manifestWithBadFiles();

        Text3dWorkload workload = Text3dWorkload.fromManifest(manifest, settings(1), true);

        assertEquals(2, workload.warnings().size(), workload.warnings().toString());
        assertTrue(workload.warnings().get(0).startsWith("skipping " + folder.resolve("open.obj").toAbsolutePath().normalize()),
                workload.warnings().get(0));
        assertTrue(workload.warnings().get(0).contains("NO_INSIDE"), workload.warnings().get(0));
        assertTrue(workload.warnings().get(1).contains("corrupt.obj: UNREADABLE"), workload.warnings().get(1));
        assertEquals(SHAPES, workload.train().size() + workload.validation().size());
    }

    @Test
    void splitHoldsOutATenthDeterministicallyBySeed() throws IOException {
        Path manifest = manifest();

        Text3dWorkload first = Text3dWorkload.fromManifest(manifest, settings(1), false);
        Text3dWorkload again = Text3dWorkload.fromManifest(manifest, settings(1), false);

        assertEquals(1, first.validation().size());
        assertEquals(SHAPES - 1, first.train().size());
        assertEquals(captions(first.validation()), captions(again.validation()));
        assertEquals(captions(first.train()), captions(again.train()));
        assertTrue(first.novel().isEmpty());
        assertTrue(first.warnings().isEmpty());
        Set<String> seen = new HashSet<>(captions(first.train()));
        assertFalse(seen.contains(first.validation().get(0).caption()), "validation sample is not trained on");
        Set<List<String>> validationBySeed = new HashSet<>();
        for (long seed = 1; seed <= 4; seed++) {
            validationBySeed.add(captions(Text3dWorkload.fromManifest(manifest, settings(seed), false).validation()));
        }
        assertTrue(validationBySeed.size() > 1, "another seed holds out another sample");
    }

    @Test
    void validationFractionIsSeededDisjointFromTrainingAndNamedSplitsWin() throws IOException {
        Path manifest = manifest();
        List<String> rows = Files.readAllLines(manifest);
        List<String> split = new ArrayList<>(List.of(rows.get(0) + ",split"));
        for (int i = 1; i < rows.size(); i++) {
            split.add(rows.get(i) + (i == 1 ? ",validation" : i == 2 ? ",train" : ","));
        }
        Path named = Files.write(folder.resolve("named.csv"), split);

        for (long seed = 1; seed <= 3; seed++) {
            Text3dWorkload workload = Text3dWorkload.fromManifest(manifest, settings(seed), false, 0.4);
            Text3dWorkload again = Text3dWorkload.fromManifest(manifest, settings(seed), false, 0.4);
            assertEquals(4, workload.validation().size());
            assertEquals(captions(workload.validation()), captions(again.validation()), "seeded");
            Set<String> trained = new HashSet<>(captions(workload.train()));
            assertTrue(captions(workload.validation()).stream().noneMatch(trained::contains), "disjoint");
            assertEquals(SHAPES, trained.size() + workload.validation().size());

            Text3dWorkload withNames = Text3dWorkload.fromManifest(named, settings(seed), false, 0.5);
            String first = rows.get(1).substring(0, rows.get(1).lastIndexOf(','));
            String second = rows.get(2).substring(0, rows.get(2).lastIndexOf(','));
            assertTrue(captions(withNames.validation()).contains(first), "named validation row is held out");
            assertTrue(captions(withNames.train()).contains(second), "named train row is trained on");
            assertEquals(1 + 4, withNames.validation().size(), "half of the 8 unnamed rows, plus the named one");
        }
        assertTrue(Text3dWorkload.fromManifest(manifest, settings(1), false, 0).validation().isEmpty());
    }

    @Test
    void validationTakesATenthAndAtLeastOneOfTwoOrMore() {
        assertEquals(0, Text3dWorkload.validationCount(1, 0.1));
        assertEquals(1, Text3dWorkload.validationCount(2, 0.1));
        assertEquals(1, Text3dWorkload.validationCount(10, 0.1));
        assertEquals(5, Text3dWorkload.validationCount(50, 0.1));
    }

    @Test
    void manifestDataTrainsAndItsEvaluationIsValidJsonWithoutANovelSplit() throws IOException {
        Text3dSettings settings = settings(3);
        Text3dWorkload workload = Text3dWorkload.fromManifest(manifest(), settings, false);

        Text3dEvaluation evaluation;
        try (OccupancyTrainer trainer = OccupancyTrainer.of(workload, settings, DeviceAssignment.cpu())) {
            List<Float> losses = new ArrayList<>();
            while (!trainer.isFinished()) {
                losses.add(trainer.step());
            }
            assertEquals(6, losses.size());
            assertTrue(losses.stream().allMatch(loss -> Float.isFinite(loss) && loss > 0), losses.toString());
            try (OccupancyPredictor predictor = OccupancyPredictor.of(trainer, workload.vocabulary())) {
                evaluation = Text3dEvaluation.evaluate(predictor, workload, settings.evaluationGrid());
            }
        }

        assertTrue(Double.isNaN(evaluation.novelIou()));
        EvaluationReport report = EvaluationReport.of(evaluation);
        JsonNode json = new ObjectMapper().readTree(new ObjectMapper().writeValueAsString(report));
        assertTrue(json.get("novel_iou").isNull());
        assertTrue(json.get("val_iou").isNumber());
        assertEquals(0, json.get("novel_captions").asInt());
        assertNull(report.novelIou());
    }

    private static List<String> captions(List<? extends CaptionedSample> samples) {
        return samples.stream().map(CaptionedSample::caption).toList();
    }
}
