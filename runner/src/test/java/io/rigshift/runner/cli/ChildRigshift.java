package io.rigshift.runner.cli;

import io.rigshift.runner.RigshiftApplication;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** The real CLI in a child JVM (DJL allows one training per JVM), its output in files. */
public final class ChildRigshift {

    private final Process process;
    private final Path out;
    private final Path err;

    private ChildRigshift(Process process, Path out, Path err) {
        this.process = process;
        this.out = out;
        this.err = err;
    }

    public static ChildRigshift start(Path logs, String name, String... args) throws IOException {
        return start(logs, name, List.of(), args);
    }

    /** With JVM options (system properties such as {@code -Drigshift.heartbeat.ms=200}) before the main class. */
    public static ChildRigshift start(Path logs, String name, List<String> jvmOptions, String... args)
            throws IOException {
        return start(logs, name, java.util.Map.of(), jvmOptions, args);
    }

    /** With environment variables added to this JVM's (LD_PRELOAD of libfaketime, say) and JVM options. */
    public static ChildRigshift start(Path logs, String name, java.util.Map<String, String> environment,
            List<String> jvmOptions, String... args) throws IOException {
        Files.createDirectories(logs);
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"),
                "-Dai.djl.pytorch.num_threads=1"));
        command.addAll(jvmOptions);
        command.add(RigshiftApplication.class.getName());
        command.addAll(List.of(args));
        Path out = logs.resolve(name + ".out");
        Path err = logs.resolve(name + ".err");
        ProcessBuilder builder = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile());
        builder.environment().putAll(environment);
        return new ChildRigshift(builder.start(), out, err);
    }

    /** Waits for the exit code (or fails after the timeout, killing the child). */
    public int waitFor(long seconds) throws InterruptedException {
        if (!process.waitFor(seconds, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("child rigshift did not finish in " + seconds + " s; stdout: " + out());
        }
        return process.exitValue();
    }

    /**
     * Polls as fast as the file system answers (kill points last milliseconds) until the condition
     * holds; fails if the child ends first or the time runs out (the child is then killed).
     */
    public void awaitUntil(java.util.function.BooleanSupplier condition, long seconds) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (!condition.getAsBoolean()) {
            if (!process.isAlive()) {
                throw new AssertionError("the run ended before the awaited point; stdout: " + out() + err());
            }
            if (System.nanoTime() > deadline) {
                process.destroyForcibly();
                throw new AssertionError("awaited point not reached in " + seconds + " s; stdout: " + out());
            }
            Thread.onSpinWait();
        }
    }

    public Process process() {
        return process;
    }

    public String out() {
        return read(out);
    }

    public String err() {
        return read(err);
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            return "(unreadable: " + e.getMessage() + ")";
        }
    }
}
