package io.rigshift.runner.benchmark;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Load on the embedded store: N sample jobs ({@code train --smoke}) train at once on one SQLite
 * home while {@code jobs}, {@code status} and {@code usage} run in a loop. Prints whether every job
 * completed, whether a store error reached any user, and the read commands' latency (median, p90,
 * p99, max). Everything runs through the launcher {@code runner/target/rigshift}, as a user runs it.
 * Usage: {@code EmbeddedStoreLoadBenchmark [JOBS] [EPOCHS]}; needs the built jar.
 */
public final class EmbeddedStoreLoadBenchmark {

    private EmbeddedStoreLoadBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int jobs = args.length > 0 ? Integer.parseInt(args[0]) : 8;
        String epochs = args.length > 1 ? args[1] : "8";
        Path launcher = Path.of("runner/target/rigshift").toAbsolutePath();
        if (!Files.isExecutable(launcher)) {
            throw new IllegalStateException("build first: mvn -q -B -DskipTests package");
        }
        Path home = Files.createTempDirectory("rigshift-load");
        // The store exists before the jobs start, as on a machine in use.
        run(List.of(launcher.toString(), "pool", "list", "--home", home.toString()), home.resolve("init"));
        List<Process> training = new ArrayList<>();
        long started = System.nanoTime();
        for (int i = 0; i < jobs; i++) {
            Path out = home.resolve("train-" + i);
            ProcessBuilder trainer = new ProcessBuilder(launcher.toString(), "train", "--smoke", "--epochs", epochs,
                    "--tenant", "tenant-" + i, "--seed", Integer.toString(i), "--home", home.toString()).redirectOutput(out.resolveSibling(out.getFileName() + ".out").toFile())
                    .redirectError(out.resolveSibling(out.getFileName() + ".err").toFile());
            trainer.environment().put("RIGSHIFT_JAVA_OPTS", "-Dai.djl.pytorch.num_threads=1");
            training.add(trainer.start());
        }
        java.util.Map<String, List<Double>> reads = new java.util.LinkedHashMap<>();
        int readFailures = 0;
        int round = 0;
        while (training.stream().anyMatch(Process::isAlive)) {
            // --version opens no store: the JVM's own start under the same load, for comparison.
            for (List<String> read : List.of(List.of("jobs"), List.of("status", "1"), List.of("usage", "--by", "tenant"),
                    List.of("--version"))) {
                List<String> command = new ArrayList<>(List.of(launcher.toString()));
                command.addAll(read);
                if (!read.get(0).equals("--version")) {
                    command.addAll(List.of("--home", home.toString()));
                }
                long t0 = System.nanoTime();
                int code = run(command, home.resolve("read-" + round++));
                reads.computeIfAbsent(read.get(0), k -> new ArrayList<>()).add((System.nanoTime() - t0) / 1e9);
                if (code != 0 && !(read.get(0).equals("status") && code == 2)) {
                    readFailures++;
                }
            }
        }
        double wall = (System.nanoTime() - started) / 1e9;
        int completed = 0;
        int busy = 0;
        for (int i = 0; i < jobs; i++) {
            int code = training.get(i).waitFor();
            String out = Files.readString(home.resolve("train-" + i + ".out"));
            String err = Files.readString(home.resolve("train-" + i + ".err"));
            if (code == 0 && out.contains("COMPLETED")) {
                completed++;
            }
            if ((out + err).contains("SQLITE_BUSY") || (out + err).contains("database is locked")) {
                busy++;
            }
        }
        for (Path file : Files.list(home).filter(p -> p.getFileName().toString().startsWith("read-")).toList()) {
            String text = Files.readString(file);
            if (text.contains("SQLITE_BUSY") || text.contains("database is locked")) {
                busy++;
            }
        }
        System.out.printf("%d smoke jobs (%s epochs) at once on one SQLite home, %.0f s: %d of %d COMPLETED%n", jobs,
                epochs, wall, completed, jobs);
        System.out.printf("read commands failed: %d%n", readFailures);
        for (var entry : reads.entrySet()) {
            List<Double> times = new ArrayList<>(entry.getValue());
            Collections.sort(times);
            System.out.printf("  %-9s %d runs, JVM start included: median %.2f s, p90 %.2f s, p99 %.2f s, max %.2f s%n",
                    entry.getKey(), times.size(), ReadCommandBenchmark.median(times),
                    ReadCommandBenchmark.percentile(times, 0.9), ReadCommandBenchmark.percentile(times, 0.99),
                    times.get(times.size() - 1));
        }
        System.out.printf("outputs that show a store error (SQLITE_BUSY / locked) to a user: %d%n", busy);
    }

    private static int run(List<String> command, Path output) throws Exception {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile()).start();
        if (!process.waitFor(300, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            return -1;
        }
        return process.exitValue();
    }
}
