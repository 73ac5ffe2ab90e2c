package io.rigshift.runner.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rigshift.jobs.api.JobFiles;
import io.rigshift.runner.batch.JobRepositories;
import io.rigshift.runner.store.RigshiftHome;
import io.rigshift.runner.store.Store;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.LocalDateTime;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import picocli.CommandLine;

/** {@code rigshift logs}, run on its own against a job execution made in a temp home. */
class LogsCommandTests {

    @TempDir
    Path home;

    @Test
    void printsTheWholeLogOfAJob() throws Exception {
        JobExecution execution = execution(BatchStatus.COMPLETED);
        append(execution, "=== rigshift: execution 1 started ===\nepoch 1/2 loss 0.5\n");

        StringWriter out = new StringWriter();
        assertEquals(0, logs(out, Long.toString(execution.getId())).call());

        assertEquals("=== rigshift: execution 1 started ===\nepoch 1/2 loss 0.5\n", out.toString());
    }

    @Test
    void aJobWithoutALogIsAUsageError() throws Exception {
        JobExecution execution = execution(BatchStatus.STARTED);

        UsageException refused = assertThrows(UsageException.class,
                () -> logs(new StringWriter(), Long.toString(execution.getId())).call());

        assertTrue(refused.getMessage().startsWith("job " + execution.getId() + " has no log yet ("),
                refused.getMessage());
    }

    @Test
    void followPrintsNewOutputUntilTheJobEnds() throws Exception {
        JobExecution execution = execution(BatchStatus.STARTED);
        append(execution, "epoch 1/2 loss 0.5\n");
        StringWriter out = new StringWriter();
        LogsCommand command = logs(out, Long.toString(execution.getId()), "--follow");
        CompletableFuture<Integer> following = CompletableFuture.supplyAsync(() -> {
            try {
                return command.call();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });

        // "é" split over two writes: printed whole, not as two replacement characters.
        append(execution, "epoch 2/2 loss 0.25 \u00e9".substring(0, 20));
        byte[] accent = "\u00e9\n".getBytes(StandardCharsets.UTF_8);
        appendBytes(execution, new byte[] {accent[0]});
        awaitOutput(out, "epoch 2/2 loss 0.25 ");
        appendBytes(execution, new byte[] {accent[1], accent[2]});
        append(execution, "done\n");
        finish(execution);

        assertEquals(0, following.get(30, TimeUnit.SECONDS));
        assertEquals("epoch 1/2 loss 0.5\nepoch 2/2 loss 0.25 \u00e9\ndone\n", out.toString());
    }

    private LogsCommand logs(StringWriter out, String... args) {
        LogsCommand command = new LogsCommand();
        CommandLine commandLine = new CommandLine(command);
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(new StringWriter(), true));
        commandLine.parseArgs(concat(new String[] {"--home", home.toString()}, args));
        return command;
    }

    private JobExecution execution(BatchStatus status) {
        try (Store store = Store.open(new RigshiftHome(home), Optional.empty())) {
            JobRepository repository = JobRepositories.jdbc(store);
            var instance = repository.createJobInstance("command", new JobParameters());
            JobExecution execution = repository.createJobExecution(instance, new JobParameters(), new ExecutionContext());
            execution.setStatus(status);
            execution.setStartTime(LocalDateTime.now());
            execution.setLastUpdated(LocalDateTime.now());
            repository.update(execution);
            return execution;
        }
    }

    private void finish(JobExecution execution) {
        try (Store store = Store.open(new RigshiftHome(home), Optional.empty())) {
            JobRepository repository = JobRepositories.jdbc(store);
            JobExecution current = repository.getJobExecution(execution.getId());
            current.setStatus(BatchStatus.COMPLETED);
            current.setEndTime(LocalDateTime.now());
            repository.update(current);
        }
    }

    private Path logOf(JobExecution execution) {
        return JobFiles.log(new RigshiftHome(home).jobFolder(execution.getJobInstance().getInstanceId()));
    }

    private void append(JobExecution execution, String text) throws Exception {
        appendBytes(execution, text.getBytes(StandardCharsets.UTF_8));
    }

    private void appendBytes(JobExecution execution, byte[] bytes) throws Exception {
        Path log = logOf(execution);
        Files.createDirectories(log.getParent());
        Files.write(log, bytes, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    }

    private static void awaitOutput(StringWriter out, String text) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (!out.toString().contains(text) && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertTrue(out.toString().contains(text), "never printed '" + text + "': " + out);
    }

    private static String[] concat(String[] first, String[] second) {
        String[] all = new String[first.length + second.length];
        System.arraycopy(first, 0, all, 0, first.length);
        System.arraycopy(second, 0, all, first.length, second.length);
        return all;
    }
}
