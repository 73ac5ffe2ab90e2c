package io.rigshift.runner.cli;

import io.rigshift.runner.batch.JobRepositories;
import io.rigshift.runner.store.RigshiftHome;
import io.rigshift.runner.store.Store;
import io.rigshift.runner.training.RunKeys;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.job.parameters.JobParametersBuilder;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.util.FileSystemUtils;

/**
 * Runs the read commands once, in one JVM, against a scratch home that holds one job: started with
 * {@code -XX:DumpLoadedClassList}, that JVM leaves the list of the classes they load, from which
 * {@code -Xshare:dump} makes the class-data archive ({@code target/rigshift.jsa}, made by the build
 * through the launcher {@code target/rigshift}).
 * Not a user command: it prints nothing and touches no home but its own.
 */
public final class ClassDataTraining {

    /** The command lines run, each with the scratch home's options appended. */
    static final List<List<String>> COMMANDS = List.of(
            List.of("--version"),
            List.of("--help"),
            List.of("jobs"),
            List.of("jobs", "--format", "json"),
            List.of("jobs", "--limit", "0"),
            List.of("status", "1"),
            List.of("status", "1", "--format", "json"),
            List.of("checkpoints", "1"),
            List.of("usage"),
            List.of("usage", "--format", "json"),
            List.of("pool", "list"),
            List.of("nodes"),
            List.of("queue"));

    private ClassDataTraining() {
    }

    public static void main(String[] args) throws IOException {
        Path scratch = Files.createTempDirectory("rigshift-class-data-");
        try {
            String dbUrl = Store.sqliteUrl(scratch.resolve("rigshift.db"));
            try (Store store = Store.open(new RigshiftHome(scratch), Optional.of(dbUrl))) {
                addJob(JobRepositories.jdbc(store));
            }
            PrintWriter sink = new PrintWriter(Writer.nullWriter());
            for (List<String> command : COMMANDS) {
                List<String> line = new ArrayList<>(command);
                line.addAll(List.of("--home", scratch.toString(), "--db-url", dbUrl));
                Cli.execute(sink, sink, line.toArray(String[]::new));
            }
        } finally {
            FileSystemUtils.deleteRecursively(scratch);
        }
    }

    /** One finished job with one step, so that {@code jobs} and {@code status} show a row. */
    private static void addJob(JobRepository repository) {
        JobParameters parameters = new JobParametersBuilder().addString(RunKeys.TENANT, "class-data").toJobParameters();
        JobExecution execution = repository.createJobExecution(repository.createJobInstance("text3d", parameters),
                parameters, new ExecutionContext());
        StepExecution step = repository.createStepExecution("train", execution);
        step.setStatus(BatchStatus.COMPLETED);
        repository.update(step);
        execution.setStatus(BatchStatus.COMPLETED);
        repository.update(execution);
    }
}
