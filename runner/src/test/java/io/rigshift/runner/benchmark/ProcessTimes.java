package io.rigshift.runner.benchmark;

import java.io.IOException;
import java.util.List;

/** Wall time of a command from process start to exit, for the benchmarks that time whole commands. */
final class ProcessTimes {

    private ProcessTimes() {
    }

    /**
     * Runs {@code command} with its stdout and stderr discarded and returns the seconds it took;
     * a non-zero exit is an error (a benchmark must not time a failure).
     */
    static double secondsToExit(List<String> command) throws IOException, InterruptedException {
        long started = System.nanoTime();
        Process process = new ProcessBuilder(command).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        if (process.waitFor() != 0) {
            throw new IllegalStateException(String.join(" ", command) + " exited " + process.exitValue());
        }
        return (System.nanoTime() - started) / 1e9;
    }
}
