package io.rigshift.runner.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rigshift.runner.batch.JobRepositories;
import io.rigshift.runner.store.RigshiftHome;
import io.rigshift.runner.store.Store;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.aop.support.AopUtils;
import org.springframework.batch.core.job.parameters.JobParametersBuilder;
import org.springframework.batch.core.repository.JobRepository;
import picocli.CommandLine;

/** What read commands skip at start-up, and that they still behave as the whole command line does. */
class CliStartupTests {

    @TempDir
    Path home;

    @Test
    void aBuiltInCommandIsMountedAloneAndAnythingElseGetsTheWholeTree() {
        Set<String> all = Cli.commandLine().getSubcommands().keySet();
        assertTrue(all.containsAll(Set.of("jobs", "status", "usage", "pool", "evaluate", "predict")), all.toString());
        for (Class<?> command : RigshiftCommand.COMMANDS) {
            String name = command.getAnnotation(CommandLine.Command.class).name();
            assertEquals(Set.of(name), Cli.commandLine(new String[] {name, "--help"}).getSubcommands().keySet(), name);
        }
        // Job types' commands, typos (which get a suggestion from every name), help and no command.
        for (String first : new String[] {"evaluate", "statu", "--help", "-h"}) {
            assertEquals(all, Cli.commandLine(new String[] {first}).getSubcommands().keySet(), first);
        }
        assertEquals(all, Cli.commandLine(new String[0]).getSubcommands().keySet());
        assertEquals(Set.of(), Cli.commandLine(new String[] {"--version"}).getSubcommands().keySet());
        Set<String> builtIn = new TreeSet<>();
        RigshiftCommand.COMMANDS.forEach(c -> builtIn.add(c.getAnnotation(CommandLine.Command.class).name()));
        assertEquals(RigshiftCommand.COMMANDS.size(), builtIn.size(), "two built-in commands share a name");
    }

    @Test
    void mountingOneCommandChangesNoOutput() {
        CliRun version = CliRun.of("--version");
        assertEquals(0, version.exitCode());
        assertTrue(version.out().startsWith("rigshift "), version.out());
        CliRun help = CliRun.of("jobs", "--help");
        assertEquals(0, help.exitCode());
        assertTrue(help.out().contains("--version") && help.out().contains("--limit"), help.out());
        CliRun typo = CliRun.of("statu");
        assertEquals(ExitCodes.USAGE, typo.exitCode());
        assertTrue(typo.err().contains("statu'") && typo.err().contains("did you mean status"),
                "a typo is answered with the name it resembles: " + typo.err());
        CliRun missing = CliRun.of();
        assertEquals(ExitCodes.USAGE, missing.exitCode());
        assertTrue(missing.err().contains("missing command") && missing.err().contains("usage"), missing.err());
        CliRun badLimit = CliRun.of("jobs", "--limit", "0", "--home", home.toString());
        assertEquals(ExitCodes.USAGE, badLimit.exitCode());
        assertEquals("rigshift: --limit must be from 1 to 1000, was 0", badLimit.err().strip());
        CliRun badEnum = CliRun.of("jobs", "--format", "yaml", "--home", home.toString());
        assertEquals(ExitCodes.USAGE, badEnum.exitCode());
        assertTrue(badEnum.err().contains("yaml"), badEnum.err());
    }

    @Test
    void aStoreOpenedForReadingHasOneConnectionAndAnUnproxiedRepository() throws Exception {
        RigshiftHome rigshiftHome = new RigshiftHome(home);
        try (Store store = Store.open(rigshiftHome, Optional.empty())) {
            assertFalse(store.forReading());
            JobRepository writer = JobRepositories.jdbc(store);
            assertTrue(AopUtils.isAopProxy(writer), "a writing store's repository runs in transactions");
            var parameters = new JobParametersBuilder().addString("tenant", "t").toJobParameters();
            writer.createJobExecution(writer.createJobInstance("text3d", parameters), parameters,
                    new org.springframework.batch.infrastructure.item.ExecutionContext());
        }
        try (Store store = Store.openForReading(rigshiftHome, Optional.empty())) {
            assertTrue(store.forReading());
            assertTrue(store.dataSource() instanceof org.springframework.jdbc.datasource.SingleConnectionDataSource,
                    store.dataSource().getClass().getName());
            JobRepository reader = JobRepositories.jdbc(store);
            assertFalse(AopUtils.isAopProxy(reader));
            assertEquals(1, reader.getJobInstances("text3d", 0, 10).size());
            assertEquals("t", reader.getJobExecution(1L).getJobParameters().getString("tenant"));
        }
        assertTrue(Files.isRegularFile(rigshiftHome.database()));
    }
}
