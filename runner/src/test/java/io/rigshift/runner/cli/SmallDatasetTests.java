package io.rigshift.runner.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code train --dataset M --smoke} on tiny manifests: they train, or are refused before any job exists. */
class SmallDatasetTests {

    private static final String OPEN_SHEET = "v 0 0 0\nv 1 0 0\nv 0 1 0\nf 1 2 3\n";

    @TempDir
    Path root;

    Path data;
    Path home;
    List<String> rows;

    @BeforeEach
    void generateShapes() throws Exception {
        data = root.resolve("data");
        home = root.resolve("home");
        CliRun generate = CliRun.of("dataset", "generate", "--out", data.toString(), "--count", "5", "--seed", "3");
        assertEquals(ExitCodes.OK, generate.exitCode(), generate.err());
        rows = Files.readAllLines(data.resolve("manifest.csv")).subList(1, 6);
        // One of the five with a face removed: open meshes train too.
        Path first = data.resolve(rows.get(0).substring(rows.get(0).lastIndexOf(',') + 1));
        List<String> lines = new ArrayList<>(Files.readAllLines(first));
        lines.remove(lines.size() - 1);
        Files.write(first, lines);
    }

    @Test
    void manifestsOfOneTwoAndFiveShapesTrainWithTheBatchClamped() throws Exception {
        for (int shapes : new int[] {1, 2, 5}) {
            Path manifest = manifest("m" + shapes + ".csv", rows.subList(0, shapes));

            CliRun run = train(manifest);

            assertEquals(ExitCodes.OK, run.exitCode(), shapes + " shapes: " + run.out() + run.err());
            int validation = shapes < 2 ? 0 : 1;
            assertTrue(run.out().contains("warning: batch size 16 is more than the " + (shapes - validation)
                    + " training shapes; training with batches of " + (shapes - validation)), run.out());
            assertEquals(1, run.out().lines().filter(line -> line.contains("batch size 16")).count(), run.out());
            JsonNode counts = dataJson(run);
            assertEquals(shapes - validation, counts.get("train").asInt());
            assertEquals(validation, counts.get("validation").asInt());
            assertEquals(validation > 0, run.out().contains("val_iou"), run.out());
            assertEquals(validation > 0, run.out().contains("shuffled_caption_iou"), run.out());
        }
    }

    @Test
    void validationFractionHoldsOutThatShareAndEvaluateReportsIt() throws Exception {
        Path manifest = manifest("m.csv", rows);

        CliRun run = train(manifest, "--validation-fraction", "0.4");

        assertEquals(ExitCodes.OK, run.exitCode(), run.out() + run.err());
        assertEquals(2, dataJson(run).get("validation").asInt());
        long id = jobId(run);
        CliRun evaluate = CliRun.of("evaluate", "--job", String.valueOf(id), "--format", "json", "--home", home.toString());
        assertEquals(ExitCodes.OK, evaluate.exitCode(), evaluate.err());
        JsonNode report = new ObjectMapper().readTree(evaluate.out());
        assertEquals(2, report.get("validation_captions").asInt());
        assertTrue(report.get("val_iou").isNumber(), evaluate.out());
        assertTrue(report.get("shuffled_caption_iou").isNumber(), evaluate.out());
        assertTrue(report.get("novel_iou").isNull(), evaluate.out());
    }

    @Test
    void datasetThatCannotTrainIsRefusedBeforeAnyJobWithExitTwoAndNoResumeAdvice() throws Exception {
        Files.writeString(data.resolve("sheet.obj"), OPEN_SHEET);
        Path sheet = Files.writeString(data.resolve("sheet.csv"), "caption,path\na sheet,sheet.obj\n");
        Path allHeldOut = manifest("held.csv", List.of(rows.get(1) + ",validation", rows.get(2) + ",validation"));
        Path badSplit = manifest("bad.csv", List.of(rows.get(1) + ",train", rows.get(2) + ",later"));

        CliRun refused = train(sheet, "--skip-invalid");
        assertRefused(refused, "no usable file to train on");
        assertRefused(train(sheet), "sheet.obj (NO_INSIDE)");
        assertRefused(train(allHeldOut), "none is left to train on");
        assertRefused(train(badSplit), "line 3: split must be 'train', 'validation' or empty, got 'later'");
        assertRefused(train(manifest("m.csv", rows), "--validation-fraction", "0.95"), "validation-fraction='0.95'");
        assertRefused(train(manifest("m.csv", rows), "--validation-fraction", "-1"), "from 0 to 0.9");
        CliRun jobs = CliRun.of("jobs", "--format", "json", "--home", home.toString());
        assertEquals(0, new ObjectMapper().readTree(jobs.out()).get("jobs").size(), "no job was created: " + jobs.out());
    }

    @Test
    void namedSplitsAreKeptWhateverTheSeed() throws Exception {
        List<String> split = List.of(rows.get(0) + ",train", rows.get(1) + ",validation", rows.get(2) + ",",
                rows.get(3) + ",train");
        Path manifest = manifest("split.csv", split);

        CliRun run = train(manifest, "--validation-fraction", "0");

        assertEquals(ExitCodes.OK, run.exitCode(), run.out() + run.err());
        assertEquals(1, dataJson(run).get("validation").asInt(), "only the row named validation");
        assertEquals(3, dataJson(run).get("train").asInt());
    }

    private static void assertRefused(CliRun run, String named) {
        assertEquals(ExitCodes.USAGE, run.exitCode(), run.out() + run.err());
        assertEquals(1, run.err().lines().count(), run.err());
        assertTrue(run.err().contains(named), "names '" + named + "': " + run.err());
        assertFalse((run.out() + run.err()).contains("resume"), run.out() + run.err());
    }

    private Path manifest(String name, List<String> lines) throws Exception {
        boolean split = lines.stream().anyMatch(line -> line.split(",", -1).length > 2);
        List<String> all = new ArrayList<>();
        all.add(split ? "caption,path,split" : "caption,path");
        all.addAll(lines);
        return Files.write(data.resolve(name), all);
    }

    private CliRun train(Path manifest, String... more) {
        List<String> args = new ArrayList<>(List.of("train", "--smoke", "--tenant", "demo", "--home", home.toString(),
                "--dataset", manifest.toString(), "--epochs", "2"));
        args.addAll(List.of(more));
        return CliRun.of(args.toArray(String[]::new));
    }

    private long jobId(CliRun run) {
        String line = run.out().lines().filter(l -> l.startsWith("job ")).reduce((a, b) -> b).orElseThrow();
        return Long.parseLong(line.split(" ")[1]);
    }

    private JsonNode dataJson(CliRun run) throws Exception {
        return new ObjectMapper().readTree(home.resolve("jobs").resolve(String.valueOf(jobId(run))).resolve("data.json")
                .toFile());
    }
}
