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

    @org.junit.jupiter.api.Test
    void everyCommandAnswersHelpAndVersion() {
        java.util.List<java.util.List<String>> paths = new java.util.ArrayList<>();
        collect(Cli.commandLine(), new java.util.ArrayList<>(), paths);
        assertTrue(paths.size() > 20, "commands found: " + paths);
        for (java.util.List<String> path : paths) {
            for (String flag : new String[] {"--help", "--version"}) {
                java.util.List<String> args = new java.util.ArrayList<>(path);
                args.add(flag);
                CliRun run = CliRun.of(args.toArray(String[]::new));
                assertEquals(0, run.exitCode(), args + ": " + run.err());
                assertTrue(flag.equals("--help") ? run.out().contains("Usage:") : run.out().startsWith("rigshift "),
                        args + " printed: " + run.out());
            }
        }
    }

    private static void collect(picocli.CommandLine command, java.util.List<String> path,
            java.util.List<java.util.List<String>> paths) {
        paths.add(path);
        command.getSubcommands().forEach((name, sub) -> {
            if (sub.getCommandName().equals(name)) {
                java.util.List<String> child = new java.util.ArrayList<>(path);
                child.add(name);
                collect(sub, child, paths);
            }
        });
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
