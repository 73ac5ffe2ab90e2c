package io.rigshift.runner.benchmark;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Read commands from process start to exit: {@code jobs}, {@code status}, {@code usage} and
 * {@code pool list} on an embedded home that holds two finished sample jobs and a pool of four GPUs,
 * each run ROUNDS times through the launcher ({@code runner/target/rigshift}: class-data archive,
 * C1 only) and through the bare {@code java -jar runner/target/rigshift.jar}, interleaved, with
 * {@code --version} (no store, no command) timed the same way in the same rounds. Prints the median,
 * 90th percentile and worst of each, and each command's median minus that of {@code --version}.
 * With BASELINE (an earlier build's jar, run with {@code java -jar}, or its launcher script, run as
 * it is), it is timed the same way in the same rounds.
 * Usage: {@code ReadCommandBenchmark [ROUNDS] [BASELINE]} (default 15 rounds); needs the built jar.
 */
public final class ReadCommandBenchmark {

    private static final List<List<String>> COMMANDS = List.of(List.of("--version"), List.of("jobs"),
            List.of("status", "1"), List.of("usage"), List.of("pool", "list"));

    private ReadCommandBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 15;
        Path launcher = Path.of("runner/target/rigshift").toAbsolutePath();
        Path jar = Path.of("runner/target/rigshift.jar").toAbsolutePath();
        if (!Files.isExecutable(launcher) || !Files.isRegularFile(jar)) {
            throw new IllegalStateException("build first: mvn -q -B -DskipTests package");
        }
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Path home = Files.createTempDirectory("rigshift-reads");
        List<String> viaLauncher = List.of(launcher.toString());
        List<String> viaJar = List.of(java, "-jar", jar.toString());
        List<String> viaBaseline = null;
        if (args.length > 1) {
            String other = Path.of(args[1]).toAbsolutePath().toString();
            viaBaseline = other.endsWith(".jar") ? List.of(java, "-jar", other) : List.of(other);
        }
        for (int i = 0; i < 2; i++) {
            run(viaLauncher, List.of("train", "--smoke", "--tenant", "demo", "--seed", Integer.toString(i)), home);
        }
        run(viaLauncher, List.of("pool", "add", "--node", "gpu-1", "--model", "A40", "--count", "4", "--memory-gib",
                "48", "--simulated"), home);
        Map<String, List<Double>> launched = new LinkedHashMap<>();
        Map<String, List<Double>> bare = new LinkedHashMap<>();
        Map<String, List<Double>> baseline = new LinkedHashMap<>();
        for (int round = 0; round < rounds; round++) {
            for (List<String> command : COMMANDS) {
                String name = String.join(" ", command);
                launched.computeIfAbsent(name, k -> new ArrayList<>()).add(run(viaLauncher, command, home));
                bare.computeIfAbsent(name, k -> new ArrayList<>()).add(run(viaJar, command, home));
                if (viaBaseline != null) {
                    baseline.computeIfAbsent(name, k -> new ArrayList<>()).add(run(viaBaseline, command, home));
                }
            }
        }
        System.out.printf("read commands, %d rounds each, seconds from process start to exit (%d cores)%n", rounds,
                Runtime.getRuntime().availableProcessors());
        System.out.printf(Locale.ROOT, "%-10s | %-30s | %-30s | %-30s | %s%n", "command",
                "runner/target/rigshift: median p90 max", "java -jar rigshift.jar: median p90 max",
                "baseline: median p90 max", "launcher median minus --version");
        double version = median(launched.get("--version"));
        for (String name : launched.keySet()) {
            List<Double> l = launched.get(name);
            List<Double> b = bare.get(name);
            List<Double> o = baseline.getOrDefault(name, List.of(Double.NaN));
            System.out.printf(Locale.ROOT, "%-10s | %8.3f %8.3f %8.3f       | %8.3f %8.3f %8.3f       "
                    + "| %8.3f %8.3f %8.3f       | %+.3f%n", name, median(l), percentile(l, 0.9), max(l), median(b),
                    percentile(b, 0.9), max(b), median(o), percentile(o, 0.9), max(o), median(l) - version);
        }
    }

    private static double run(List<String> launch, List<String> command, Path home) throws Exception {
        List<String> line = new ArrayList<>(launch);
        line.addAll(command);
        if (!command.get(0).equals("--version")) {
            line.addAll(List.of("--home", home.toString()));
        }
        return ProcessTimes.secondsToExit(line);
    }

    static double median(List<Double> values) {
        return percentile(values, 0.5);
    }

    static double percentile(List<Double> values, double fraction) {
        List<Double> sorted = values.stream().sorted().toList();
        return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(fraction * sorted.size()) - 1));
    }

    private static double max(List<Double> values) {
        return values.stream().mapToDouble(Double::doubleValue).max().orElse(Double.NaN);
    }
}
