package io.rigshift.runner.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

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
}
