package io.rigshift.runner.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TrainCommandTests {

    @TempDir
    Path home;

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource(delimiter = '|', value = {
        "--tenant|Bad_Tenant|Bad_Tenant",
        "--epochs|-1|-1",
        "--device|tpu|tpu",
        "--batch-size|0|0",
        "--samples|0|0",
        "--frobnicate|1|--frobnicate",
    })
    void badInputExitsTwoWithOneLineNamingTheValue(String option, String value, String named) {
        CliRun run = option.equals("--tenant")
                ? CliRun.of("train", "--home", home.toString(), "--smoke", option, value)
                : CliRun.of("train", "--home", home.toString(), "--smoke", "--tenant", "demo", option, value);
        assertEquals(2, run.exitCode(), run.err());
        assertEquals(1, run.err().strip().lines().count(), "one line: " + run.err());
        assertTrue(run.err().contains(named), run.err());
        assertFalse(run.err().contains("Exception"), run.err());
        assertTrue(run.out().isEmpty(), run.out());
    }

    @ParameterizedTest
    @CsvSource({"jobs", "status"})
    void readCommandsRejectUnknownFormats(String command) {
        CliRun run = command.equals("status")
                ? CliRun.of(command, "1", "--home", home.toString(), "--format", "xml")
                : CliRun.of(command, "--home", home.toString(), "--format", "xml");
        assertEquals(2, run.exitCode(), run.err());
        assertTrue(run.err().contains("xml"), run.err());
    }
}
