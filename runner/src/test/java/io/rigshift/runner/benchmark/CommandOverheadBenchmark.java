package io.rigshift.runner.benchmark;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The runner's overhead on a command job: wall time of a command under {@code rigshift train}
 * minus the same command alone, alternating, in one run. Usage: {@code CommandOverheadBenchmark
 * [ROUNDS] [SECONDS]}: the command is {@code sleep SECONDS} (0 for {@code true}); needs the built jar.
 */
public final class CommandOverheadBenchmark {

    private CommandOverheadBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 5;
        String seconds = args.length > 1 ? args[1] : "0";
        Path jar = Path.of("runner/target/rigshift.jar");
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("build first: mvn -q -B -DskipTests install");
        }
        Path home = Files.createTempDirectory("rigshift-overhead");
        List<String> command = seconds.equals("0") ? List.of("true") : List.of("sleep", seconds);
        List<Double> alone = new ArrayList<>();
        List<Double> runner = new ArrayList<>();
        List<String> train = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", jar.toString(), "train", "--tenant", "bench", "--home", home.toString(), "--"));
        train.addAll(command);
        time(train); // the first run creates the store
        for (int i = 0; i < rounds; i++) {
            alone.add(time(command));
            runner.add(time(train));
        }
        double a = median(alone);
        double r = median(runner);
        System.out.printf("command alone (%s): median %.3f s over %d runs %s%n", String.join(" ", command), a, rounds,
                alone);
        System.out.printf("under rigshift train: median %.3f s %s%n", r, runner);
        System.out.printf("runner overhead: %.3f s per job%n", r - a);
    }

    /** Seconds to exit, to the millisecond. */
    private static double time(List<String> command) throws Exception {
        return Math.round(ProcessTimes.secondsToExit(command) * 1e3) / 1000.0;
    }

    private static double median(List<Double> values) {
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        return sorted.get(sorted.size() / 2);
    }
}
