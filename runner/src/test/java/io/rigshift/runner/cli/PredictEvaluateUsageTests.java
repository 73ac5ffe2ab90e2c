package io.rigshift.runner.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code predict} and {@code evaluate} refuse bad input with one line and exit 2, before any model loads. */
class PredictEvaluateUsageTests {

    @TempDir
    Path home;

    @Test
    void predictWithAnEmptyPromptExitsTwo() {
        Path out = home.resolve("out");
        for (String prompt : new String[] {"", "   ", "?! 42"}) {
            CliRun run = CliRun.of("predict", "--job", "1", "--text", prompt, "--out", out.toString(),
                    "--home", home.toString());

            assertEquals(ExitCodes.USAGE, run.exitCode(), run.out() + run.err());
            assertTrue(run.err().startsWith("rigshift: --text"), run.err());
            assertEquals(1, run.err().lines().count(), run.err());
        }
        assertFalse(Files.exists(out));
    }

    @Test
    void predictWithABadResolutionOrAnUnknownJobExitsTwo() {
        CliRun resolution = CliRun.of("predict", "--job", "1", "--text", "a ball", "--resolution", "4", "--out",
                home.resolve("out").toString(), "--home", home.toString());
        assertEquals(ExitCodes.USAGE, resolution.exitCode(), resolution.err());
        assertTrue(resolution.err().contains("--resolution must be between 8 and 256, was 4"), resolution.err());

        CliRun unknown = CliRun.of("predict", "--job", "99", "--text", "a ball", "--out",
                home.resolve("out").toString(), "--home", home.toString());
        assertEquals(ExitCodes.USAGE, unknown.exitCode(), unknown.err());
        assertTrue(unknown.err().contains("no job execution with id 99"), unknown.err());
    }

    @Test
    void evaluateOnAnUnknownJobExitsTwo() {
        CliRun run = CliRun.of("evaluate", "--job", "42", "--home", home.toString());

        assertEquals(ExitCodes.USAGE, run.exitCode(), run.out() + run.err());
        assertEquals("rigshift: no job execution with id 42 (see 'rigshift jobs')", run.err().strip());
    }
}
