package io.rigshift.runner.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.rigshift.runner.store.RigshiftHome;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JobLauncherTests {

    @TempDir
    Path dir;

    /**
     * Found by the API fuzz in CI: a command job that failed at once created its execution and exited between two
     * looks, and the request was answered 500 "exit code 1" instead of 202 with the job.
     */
    @Test
    void aJobWhoseProcessEndedRightAfterALookIsStartedNotRefused() throws Exception {
        JobLauncher launcher = launcher("");
        AtomicInteger looks = new AtomicInteger();
        Process ended = exited(1);
        JobLauncher.Started started = launcher.await("run", ended, 10, "start",
                () -> looks.incrementAndGet() == 1 ? List.of() : List.of(7L));
        assertThat(started.executionId()).isEqualTo(7L);
        assertThat(looks).hasValue(2);
    }

    @Test
    void aProcessThatEndsWithoutAnExecutionIsRefusedWithItsLastErrorLine() throws Exception {
        JobLauncher launcher = launcher("a warning\nrigshift: tenant: 'x y' is not a name\n");
        JobLauncher.Started started = launcher.await("run", exited(2), 10, "start", List::of);
        assertThat(started.executionId()).isNull();
        assertThat(started.exitCode()).isEqualTo(2);
        assertThat(started.error()).isEqualTo("tenant: 'x y' is not a name");
    }

    /** A launcher over a home whose run {@code run} wrote {@code err}. */
    private JobLauncher launcher(String err) throws Exception {
        RigshiftHome home = new RigshiftHome(dir).ensureExists();
        Files.createDirectories(home.logs());
        Files.writeString(home.logs().resolve("api-run.err"), err);
        return new JobLauncher(home, null, Optional.empty());
    }

    private static Process exited(int code) throws Exception {
        Process process = new ProcessBuilder("sh", "-c", "exit " + code).start();
        process.waitFor();
        return process;
    }
}
