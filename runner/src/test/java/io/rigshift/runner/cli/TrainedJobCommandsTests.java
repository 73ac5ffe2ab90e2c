package io.rigshift.runner.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.rigshift.datasets.mesh.MeshValidator;
import io.rigshift.datasets.mesh.VerdictKind;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code evaluate}, {@code predict} and the export step on one real smoke job, trained once for the
 * class (DJL allows one training per JVM, and each test class gets its own JVM).
 */
class TrainedJobCommandsTests {

    @TempDir
    static Path home;

    @TempDir
    Path scratch;

    @BeforeAll
    static void trainSmokeJob() {
        CliRun train = CliRun.of("train", "--smoke", "--tenant", "demo", "--home", home.toString());
        assertEquals(ExitCodes.OK, train.exitCode(), train.out() + train.err());
    }

    @Test
    void evaluatePrintsTheScoresAndThePerPrimitiveBreakdown() throws Exception {
        CliRun table = CliRun.of("evaluate", "--job", "1", "--home", home.toString());
        assertEquals(ExitCodes.OK, table.exitCode(), table.err());
        for (String score : List.of("val_iou", "novel_iou", "shuffled_caption_iou", "PRIMITIVE")) {
            assertTrue(table.out().contains(score), table.out());
        }

        CliRun json = CliRun.of("evaluate", "--job", "1", "--format", "json", "--home", home.toString());
        assertEquals(ExitCodes.OK, json.exitCode(), json.err());
        JsonNode report = new ObjectMapper().readTree(json.out());
        for (String key : List.of("val_iou", "novel_iou", "shuffled_caption_iou")) {
            double iou = report.get(key).asDouble(-1);
            assertTrue(iou >= 0 && iou <= 1, key + " = " + report.get(key));
        }
        // Three different sets give three different scores: one set scored twice would not.
        double val = report.get("val_iou").asDouble();
        double novel = report.get("novel_iou").asDouble();
        double shuffled = report.get("shuffled_caption_iou").asDouble();
        assertTrue(val != novel && val != shuffled && novel != shuffled,
                "val " + val + ", novel " + novel + ", shuffled " + shuffled);
        assertTrue(report.get("per_primitive").size() > 0, json.out());
        assertEquals(8, report.get("validation_captions").asInt());
    }

    @Test
    void evaluateBeforeTheEvaluateStepExitsTwoSayingWhy() throws IOException {
        Path copy = scratch.resolve("home");
        copyTree(home, copy);
        Files.delete(copy.resolve("jobs/1/evaluation.json"));

        CliRun run = CliRun.of("evaluate", "--job", "1", "--home", copy.toString());

        assertEquals(ExitCodes.USAGE, run.exitCode(), run.out() + run.err());
        assertTrue(run.err().startsWith("rigshift: job 1 has not been evaluated yet"), run.err());
    }

    @Test
    void exportStepWroteMeshesOfTheFirstValidationCaptions() throws IOException {
        Path samples = home.resolve("jobs/1/samples");
        List<String> names;
        try (Stream<Path> files = Files.list(samples)) {
            names = files.map(file -> file.getFileName().toString()).sorted().toList();
        }
        for (String prefix : List.of("01-", "02-", "03-", "04-")) {
            List<String> sample = names.stream().filter(name -> name.startsWith(prefix)).toList();
            boolean meshes = sample.stream().anyMatch(name -> name.endsWith(".obj"));
            // Either the three files, or a note saying the prediction was empty.
            assertEquals(meshes ? 3 : 1, sample.size(), names.toString());
        }
        assertFalse(names.stream().anyMatch(name -> name.startsWith(".")), "no temporary files: " + names);
    }

    @Test
    void predictWritesTheShapeAndWarnsAboutUnknownWords() throws IOException {
        Path out = scratch.resolve("predicted");

        CliRun run = CliRun.of("predict", "--job", "1", "--text", "a large zorblax sphere", "--out", out.toString(),
                "--resolution", "32", "--home", home.toString());

        assertTrue(run.out().contains("warning: the model does not know 'zorblax'"), run.out());
        assertEquals(ExitCodes.OK, run.exitCode(), run.out() + run.err());
        for (String extension : List.of(".obj", ".ply", ".png")) {
            Path file = out.resolve("a-large-zorblax-sphere" + extension);
            assertTrue(run.out().contains("wrote " + file), run.out());
            assertTrue(Files.size(file) > 0, file.toString());
        }
        assertEquals(VerdictKind.OK, MeshValidator.validate(out.resolve("a-large-zorblax-sphere.obj")).kind());
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> paths = Files.walk(from)) {
            for (Path path : paths.filter(entry -> !entry.startsWith(from.resolve("djl-cache"))).toList()) {
                Path target = to.resolve(from.relativize(path).toString());
                if (Files.isDirectory(path)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(path, target);
                }
            }
        }
    }
}
