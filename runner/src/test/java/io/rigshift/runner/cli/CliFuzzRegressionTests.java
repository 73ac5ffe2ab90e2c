package io.rigshift.runner.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Argument sets the command-line fuzz pointed at, kept as plain tests. */
class CliFuzzRegressionTests {

    @Test
    void inspectRefusesAProceduralSampleCountItCouldNotGenerateInTime() {
        // Seen while building the fuzz's value pool: inspect generates every shape it counts, so a billion hung.
        CliRun run = assertTimeoutPreemptively(Duration.ofSeconds(10),
                () -> CliRun.of("dataset", "inspect", "--procedural", "--samples", "1000000000"));

        assertEquals(ExitCodes.USAGE, run.exitCode());
        assertEquals("rigshift: --samples must be an integer from 1 to 1000000, was 1000000000\n",
                run.err().replace(System.lineSeparator(), "\n"));
    }

    @Test
    void aUsageErrorEchoingAValueWithACarriageReturnStaysOneLine() {
        // Found by CliFuzzTests (seed 202440705, try 121): lines() splits at \r, println's one line became two.
        CliRun run = CliRun.of("pool", "list", "--help", "--format", "\u2991x\u5db95%\u0010{\u12f7L\uc39d\u001e\r",
                "\u773b\u9415");

        assertEquals(ExitCodes.USAGE, run.exitCode());
        assertEquals(1, run.err().lines().count(), run.err());
        assertTrue(run.err().startsWith("rigshift: Invalid value for option '--format': expected one of [table, json]"),
                run.err());
    }
}
