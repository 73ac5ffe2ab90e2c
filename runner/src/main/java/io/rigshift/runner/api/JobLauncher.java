package io.rigshift.runner.api;

import io.rigshift.runner.store.RigshiftHome;
import io.rigshift.runner.store.Store;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * Starts jobs for API requests the way a user would: a {@code rigshift train} (or {@code resume})
 * process of its own per job (one training per JVM), over the server's home and store, and waits
 * until the job's execution exists or the process refused the request. Its output goes to
 * {@code HOME/logs/api-<run>.out}.
 */
public final class JobLauncher {

    /** What came of a start: the execution's id, or the one-line refusal and exit code. */
    public record Started(Long executionId, int exitCode, String error) {
    }

    private final RigshiftHome home;
    private final Store store;
    private final Optional<String> dbUrl;

    public JobLauncher(RigshiftHome home, Store store, Optional<String> dbUrl) {
        this.home = home;
        this.store = store;
        this.dbUrl = dbUrl;
    }

    /** {@code rigshift train --spec SPEC --tenant TENANT}; waits up to {@code seconds} for the execution. */
    public Started train(String specYaml, String tenant, long seconds) throws IOException, InterruptedException {
        String run = UUID.randomUUID().toString();
        Path spec = Files.createDirectories(home.root().resolve("api-specs")).resolve(run + ".yaml");
        Files.writeString(spec, specYaml);
        List<String> args = new ArrayList<>(List.of("train", "--spec", spec.toString(), "--run-id", run));
        if (tenant != null) {
            args.addAll(List.of("--tenant", tenant));
        }
        Process process = start(run, args);
        return await(run, process, seconds, "start", () -> store.jdbc().queryForList("SELECT JOB_EXECUTION_ID FROM "
                + "BATCH_JOB_EXECUTION_PARAMS WHERE PARAMETER_NAME = 'run.id' AND PARAMETER_VALUE = ?", Long.class, run));
    }

    /** {@code rigshift resume ID}; waits for the new execution of the same job. */
    Started resume(long executionId, long instanceId, long seconds) throws IOException, InterruptedException {
        String run = "resume-" + UUID.randomUUID();
        Process process = start(run, List.of("resume", Long.toString(executionId)));
        return await(run, process, seconds, "resume", () -> store.jdbc().queryForList("SELECT JOB_EXECUTION_ID FROM "
                + "BATCH_JOB_EXECUTION WHERE JOB_INSTANCE_ID = ? AND JOB_EXECUTION_ID > ? ORDER BY JOB_EXECUTION_ID",
                Long.class, instanceId, executionId));
    }

    /**
     * Waits for the execution {@code ids} finds, or for the process to end without one. A job that ends at once
     * (a command that fails) may exit before the next look: its execution is looked for once more then, so that
     * it counts as started, not refused.
     */
    Started await(String run, Process process, long seconds, String verb,
            java.util.function.Supplier<List<Long>> ids) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (System.nanoTime() < deadline) {
            List<Long> found = ids.get();
            if (!found.isEmpty()) {
                return new Started(found.get(0), 0, null);
            }
            if (process.waitFor(100, TimeUnit.MILLISECONDS)) {
                found = ids.get();
                return found.isEmpty() ? refused(run, process.exitValue()) : new Started(found.get(0), 0, null);
            }
        }
        return new Started(null, -1, "the job did not " + verb + " within " + seconds + " s (see " + output(run) + ")");
    }

    private Started refused(String run, int exitCode) throws IOException {
        String err = Files.readString(home.logs().resolve("api-" + run + ".err")).strip();
        String line = err.lines().reduce((a, b) -> b).orElse("exit code " + exitCode).replaceFirst("^rigshift: ", "");
        return new Started(null, exitCode, line);
    }

    private Path output(String run) {
        return home.logs().resolve("api-" + run + ".out");
    }

    private Process start(String run, List<String> args) throws IOException {
        Files.createDirectories(home.logs());
        List<String> command = new ArrayList<>(io.rigshift.runner.node.RigshiftProcess.command(List.of(), args));
        command.addAll(List.of("--home", home.root().toString()));
        dbUrl.ifPresent(url -> command.addAll(List.of("--db-url", url)));
        return new ProcessBuilder(command).redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                .redirectOutput(output(run).toFile()).redirectError(home.logs().resolve("api-" + run + ".err").toFile())
                .start();
    }
}
