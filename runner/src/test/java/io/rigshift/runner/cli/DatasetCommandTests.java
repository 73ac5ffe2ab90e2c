package io.rigshift.runner.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code rigshift dataset validate|generate|inspect}: verdicts, not crashes, and one line for bad input. */
class DatasetCommandTests {

    private static final String CUBE = String.join("\n", "v 0 0 0", "v 1 0 0", "v 1 1 0", "v 0 1 0", "v 0 0 1",
            "v 1 0 1", "v 1 1 1", "v 0 1 1", "f 1 4 3 2", "f 5 6 7 8", "f 1 2 6 5", "f 4 8 7 3", "f 1 5 8 4",
            "f 2 3 7 6", "");
    private static final String OPEN_CUBE = CUBE.substring(0, CUBE.lastIndexOf("f 2 3 7 6"));

    @TempDir
    Path root;

    @Test
    void validateGivesEveryFileAVerdictAndExitsOneWhenAnyIsInvalid() throws Exception {
        Path data = Files.createDirectories(root.resolve("data"));
        Files.writeString(data.resolve("cube.obj"), CUBE);
        Files.writeString(data.resolve("open.obj"), OPEN_CUBE);
        Files.writeString(data.resolve("corrupt.obj"), "v 0 0 0\nv 1 0 x\nf 1 2 3\n");
        Files.writeString(root.resolve("outside.obj"), CUBE);
        Path manifest = Files.writeString(data.resolve("manifest.csv"), String.join("\n", "caption,path",
                "a cube,cube.obj", "an open box,open.obj", "a broken file,corrupt.obj", "escapes,../outside.obj", ""));

        CliRun run = CliRun.of("dataset", "validate", manifest.toString());

        assertEquals(ExitCodes.FAILED, run.exitCode(), run.err());
        List<String> lines = run.out().lines().toList();
        assertTrue(line(lines, "cube.obj").startsWith("OK "), run.out());
        assertTrue(line(lines, "open.obj").startsWith("NOT_WATERTIGHT (usable) "), run.out());
        assertTrue(line(lines, "open.obj").contains("OPEN: 4 boundary edges"), run.out());
        assertTrue(line(lines, "open.obj").endsWith("inside decided by winding number"), run.out());
        assertTrue(line(lines, "corrupt.obj").startsWith("UNREADABLE "), run.out());
        assertTrue(line(lines, "outside.obj").startsWith("OUTSIDE_MANIFEST "), run.out());
        assertTrue(line(lines, "corrupt.obj").contains("corrupt.obj:2: non-numeric"), "the verdict names the bad line: " + run.out());
        assertTrue(run.out().contains("4 files: 1 OK, 1 NOT_WATERTIGHT, 1 UNREADABLE, 1 OUTSIDE_MANIFEST; 1 usable with"
                + " a warning"), run.out());
        assertTrue(run.out().contains("2 invalid file(s)"), run.out());
        assertEquals("", run.err());
    }

    @Test
    void openAndNonManifoldMeshesAreUsableUnlessStrictButALoneSheetNever() throws Exception {
        Files.writeString(root.resolve("open.obj"), OPEN_CUBE);
        Files.writeString(root.resolve("doubled.obj"), CUBE + "f 2 3 7 6\n");
        Path manifest = Files.writeString(root.resolve("manifest.csv"), String.join("\n", "caption,path",
                "an open box,open.obj", "a doubled box,doubled.obj", ""));
        Files.writeString(root.resolve("sheet.obj"), "v 0 0 0\nv 1 0 0\nv 0 1 0\nf 1 2 3\n");
        Path sheet = Files.writeString(root.resolve("sheet.csv"), "caption,path\na sheet,sheet.obj\n");

        CliRun lenient = CliRun.of("dataset", "validate", manifest.toString());
        CliRun strict = CliRun.of("dataset", "validate", "--strict", manifest.toString());
        CliRun lone = CliRun.of("dataset", "validate", sheet.toString());

        assertEquals(ExitCodes.OK, lenient.exitCode(), lenient.out() + lenient.err());
        assertTrue(line(lenient.out().lines().toList(), "doubled.obj").startsWith("NON_MANIFOLD (usable) "),
                lenient.out());
        assertTrue(lenient.out().contains("2 files: 1 NOT_WATERTIGHT, 1 NON_MANIFOLD; 2 usable with a warning"),
                lenient.out());
        assertEquals(ExitCodes.FAILED, strict.exitCode(), strict.out());
        assertTrue(line(strict.out().lines().toList(), "open.obj").startsWith("NOT_WATERTIGHT "), strict.out());
        assertTrue(strict.out().contains("2 invalid file(s)"), strict.out());
        assertEquals(ExitCodes.FAILED, lone.exitCode(), lone.out());
        assertTrue(line(lone.out().lines().toList(), "sheet.obj").startsWith("NO_INSIDE "), lone.out());
    }

    @Test
    void generatedDatasetValidates() throws Exception {
        Path out = root.resolve("shapes");

        CliRun generate = CliRun.of("dataset", "generate", "--out", out.toString(), "--count", "3", "--seed", "7");

        assertEquals(ExitCodes.OK, generate.exitCode(), generate.err());
        Path manifest = out.resolve("manifest.csv");
        assertTrue(generate.out().contains(manifest.toString()), generate.out());
        assertEquals(4, Files.readAllLines(manifest).size(), "header and three rows");
        CliRun validate = CliRun.of("dataset", "validate", manifest.toString());
        assertEquals(ExitCodes.OK, validate.exitCode(), validate.out() + validate.err());
        assertTrue(validate.out().contains("3 files: 3 OK"), validate.out());
        CliRun inspect = CliRun.of("dataset", "inspect", manifest.toString(), "--format", "json");
        assertEquals(ExitCodes.OK, inspect.exitCode(), inspect.err());
        JsonNode summary = new ObjectMapper().readTree(inspect.out());
        assertEquals(3, summary.get("samples").get("manifest").asInt());
        assertEquals(3, summary.get("examples").size());
        assertEquals("3 files: 3 OK", summary.get("verdicts").asText());
    }

    @Test
    void inspectProceduralPrintsCountsVocabularyAndExamples() throws Exception {
        CliRun table = CliRun.of("dataset", "inspect", "--procedural", "--smoke", "--seed", "3");

        assertEquals(ExitCodes.OK, table.exitCode(), table.err());
        assertTrue(table.out().contains("samples: novel 8, train 96, validation 8"), table.out());
        assertTrue(table.out().contains("vocabulary: "), table.out());
        assertTrue(table.out().contains("examples:"), table.out());

        CliRun json = CliRun.of("dataset", "inspect", "--procedural", "--samples", "50", "--format", "json");
        assertEquals(ExitCodes.OK, json.exitCode(), json.err());
        JsonNode summary = new ObjectMapper().readTree(json.out());
        assertEquals(50, summary.get("samples").get("train").asInt());
        assertTrue(summary.get("vocabulary_size").asInt() > 10, json.out());
        assertTrue(summary.get("verdicts").isNull());
    }

    @Test
    void badInputExitsTwoWithOneLineNamingTheValue() throws Exception {
        Path missing = root.resolve("missing.csv");
        Path malformed = Files.writeString(root.resolve("bad.csv"), "name,file\na cube,cube.obj\n");
        Path emptyRow = Files.writeString(root.resolve("empty-row.csv"), "caption,path\na cube,\n");
        Path notEmpty = Files.createDirectories(root.resolve("taken"));
        Files.writeString(notEmpty.resolve("keep.txt"), "mine");

        assertUsage(CliRun.of("dataset", "validate", missing.toString()), missing.toString());
        assertUsage(CliRun.of("dataset", "validate", root.toString()), "is a folder");
        assertUsage(CliRun.of("dataset", "validate", malformed.toString()), "header must name the columns");
        assertUsage(CliRun.of("dataset", "validate", emptyRow.toString()), "line 2");
        assertUsage(CliRun.of("dataset", "inspect", missing.toString()), missing.toString());
        assertUsage(CliRun.of("dataset", "inspect"), "either MANIFEST or --procedural");
        assertUsage(CliRun.of("dataset", "inspect", "--procedural", "--samples", "0"), "--samples");
        assertUsage(CliRun.of("dataset", "generate", "--out", root.resolve("x").toString(), "--count", "0"),
                "--count must be between 1 and");
        assertUsage(CliRun.of("dataset", "generate", "--out", root.resolve("x").toString(), "--count", "-3"),
                "was -3");
        assertUsage(CliRun.of("dataset", "generate", "--out", root.resolve("x").toString(), "--count", "many"),
                "many");
        assertUsage(CliRun.of("dataset", "generate", "--out", notEmpty.toString(), "--count", "1"), "not empty");
        assertFalse(Files.exists(root.resolve("x")), "nothing written on bad input");
    }

    private static void assertUsage(CliRun run, String named) {
        assertEquals(ExitCodes.USAGE, run.exitCode(), run.out() + run.err());
        assertEquals(1, run.err().lines().count(), run.err());
        assertTrue(run.err().startsWith("rigshift: "), run.err());
        assertTrue(run.err().contains(named), "names '" + named + "': " + run.err());
    }

    private static String line(List<String> lines, String file) {
        return lines.stream().filter(line -> line.contains(file)).findFirst()
                .orElseThrow(() -> new AssertionError("no verdict for " + file + " in " + lines));
    }
}
