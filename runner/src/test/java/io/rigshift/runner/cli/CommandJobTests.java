package io.rigshift.runner.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.rigshift.runner.store.RigshiftHome;
import io.rigshift.runner.store.Store;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Command jobs through the CLI: any program, its log, stop, spec files, and a killed runner resumed. */
class CommandJobTests {

    private static final long CHILD_SECONDS = 120;
    private static final Path PYTHON = Path.of("/usr/bin/python3");
    private static final Path EXAMPLE = Path.of("..", "examples", "pytorch", "train.py").toAbsolutePath().normalize();

    @TempDir
    Path scratch;

    @Test
    void commandSeesTheRunnersEnvironmentAndItsOutputIsTheJobsLog() {
        Path home = scratch.resolve("env");
        CliRun run = CliRun.of("train", "--tenant", "acme", "--home", home.toString(), "--env", "GREETING=hello",
                "--", "sh", "-c", "echo $GREETING job=$RIGSHIFT_JOB_ID tenant=$RIGSHIFT_TENANT cuda=[$CUDA_VISIBLE_DEVICES]"
                        + " ckpt=$RIGSHIFT_CHECKPOINT_DIR art=$RIGSHIFT_ARTIFACTS_DIR");
        assertEquals(0, run.exitCode(), run.out() + run.err());
        CliRun logs = CliRun.of("logs", "1", "--home", home.toString());
        assertEquals(0, logs.exitCode(), logs.err());
        Path folder = home.resolve("jobs").resolve("1");
        assertTrue(logs.out().contains("hello job=1 tenant=acme cuda=[] ckpt=" + folder.resolve("checkpoints") + " art="
                + folder.resolve("artifacts")), logs.out());
    }

    @Test
    void failingCommandFailsWithItsExitCodeAndRestartsAreMeteredOnceEach() throws Exception {
        Path home = scratch.resolve("fail");
        CliRun run = CliRun.of("train", "--tenant", "acme", "--home", home.toString(), "--max-restarts", "2", "--",
                "sh", "-c", "exit 3");
        assertEquals(1, run.exitCode(), run.out());
        assertTrue(run.out().contains("restarting job 1 (restart 2 of 2)"), run.out());
        CliRun status = CliRun.of("status", "1", "--home", home.toString());
        assertTrue(status.out().contains("reason: command exited with code 3"), status.out());
        assertTrue(status.out().contains("executions of this job: 1, 2, 3"), status.out());
        try (Store store = Store.open(new RigshiftHome(home), Optional.empty())) {
            List<Map<String, Object>> records = store.jdbc().queryForList(
                    "SELECT job_execution_id, outcome FROM usage_record ORDER BY id");
            assertEquals(3, records.size(), records.toString());
            for (int i = 0; i < 3; i++) {
                assertEquals(i + 1L, ((Number) records.get(i).get("job_execution_id")).longValue());
                assertEquals("failed", records.get(i).get("outcome"));
            }
        }
    }

    @Test
    void stopSendsSigtermToTheCommandAndTheJobEndsStopped() throws Exception {
        Path home = scratch.resolve("stop");
        ChildRigshift train = ChildRigshift.start(home.resolve("logs"), "train", "train", "--tenant", "acme", "--home",
                home.toString(), "--stop-grace", "10", "--", "sh", "-c",
                "trap 'echo got-term; exit 0' TERM; echo started; while true; do sleep 0.1; done");
        Path log = home.resolve("jobs/1/logs/output.log");
        train.awaitUntil(() -> read(log).contains("started"), CHILD_SECONDS);
        CliRun stop = CliRun.of("stop", "1", "--home", home.toString());
        assertEquals(0, stop.exitCode(), stop.err());
        assertEquals(0, train.waitFor(CHILD_SECONDS), train.out() + train.err());
        assertTrue(read(log).contains("got-term"), read(log));
        CliRun status = CliRun.of("status", "1", "--home", home.toString(), "--format", "json");
        assertEquals("STOPPED", new ObjectMapper().readTree(status.out()).get("job").get("status").asText());
    }

    @Test
    void specFileRunsACommandAndFlagsOverrideIt() throws Exception {
        Path home = scratch.resolve("spec");
        Path spec = scratch.resolve("job.yaml");
        Files.writeString(spec, "tenant: acme\nname: smoke-test\ncommand: [\"sh\", \"-c\", \"echo from-spec $WHO\"]\n"
                + "env:\n  WHO: spec\nmax-restarts: 0\n");
        CliRun run = CliRun.of("train", "--spec", spec.toString(), "--home", home.toString(), "--tenant", "globex");
        assertEquals(0, run.exitCode(), run.out() + run.err());
        assertTrue(read(home.resolve("jobs/1/logs/output.log")).contains("from-spec spec"));
        CliRun jobs = CliRun.of("jobs", "--home", home.toString(), "--format", "json");
        JsonNode job = new ObjectMapper().readTree(jobs.out()).get("jobs").get(0);
        assertEquals("globex", job.get("tenant").asText(), "--tenant overrides the file");
        assertEquals("smoke-test", job.get("name").asText());

        Files.writeString(spec, "tenant: acme\nresources:\n  gpus: two\n");
        CliRun bad = CliRun.of("train", "--spec", spec.toString(), "--home", home.toString());
        assertEquals(2, bad.exitCode());
        assertTrue(bad.err().strip().startsWith("rigshift: " + spec + ":3:"), bad.err());
        assertTrue(bad.err().contains("resources.gpus"), bad.err());
    }

    @Test
    void killedRunnerDuringAPytorchScriptResumesFromTheScriptsCheckpoint() throws Exception {
        Assumptions.assumeTrue(hasTorch(), "Debian's python3-torch is not installed (.ci/run installs it)");
        Path reference = scratch.resolve("reference");
        CliRun whole = CliRun.of(pytorchArgs(reference, "0"));
        assertEquals(0, whole.exitCode(), whole.out() + whole.err());
        double expected = finalLoss(reference);

        Path home = scratch.resolve("killed");
        ChildRigshift train = ChildRigshift.start(home.resolve("logs"), "train", pytorchArgs(home, "0.3"));
        Path log = home.resolve("jobs/1/logs/output.log");
        train.awaitUntil(() -> read(log).contains("epoch 4/12"), CHILD_SECONDS);
        train.process().destroyForcibly();
        train.process().waitFor();

        CliRun resumed = CliRun.of("resume", "1", "--home", home.toString());
        assertEquals(0, resumed.exitCode(), resumed.out() + resumed.err());
        Matcher from = Pattern.compile("resumed from epoch (\\d+)").matcher(read(log));
        assertTrue(from.find(), read(log));
        assertTrue(Integer.parseInt(from.group(1)) >= 4, "continued from its checkpoint, not epoch 0: " + read(log));
        assertEquals(expected, finalLoss(home), "the same final loss as an uninterrupted run");
        try (Store store = Store.open(new RigshiftHome(home), Optional.empty())) {
            List<Map<String, Object>> records = store.jdbc().queryForList("SELECT job_execution_id, outcome, start_ms, "
                    + "end_ms FROM usage_record ORDER BY id");
            assertEquals(2, records.size(), "both runs, once each: " + records);
            assertEquals("failed", records.get(0).get("outcome"));
            assertEquals("completed", records.get(1).get("outcome"));
            assertTrue(((Number) records.get(0).get("end_ms")).longValue()
                    <= ((Number) records.get(1).get("start_ms")).longValue(), records.toString());
        }
    }

    private static String[] pytorchArgs(Path home, String sleep) {
        return new String[] {"train", "--tenant", "acme", "--home", home.toString(), "--", PYTHON.toString(),
            EXAMPLE.toString(), "--epochs", "12", "--sleep", sleep, "--device", "cpu"};
    }

    private static double finalLoss(Path home) throws Exception {
        return new ObjectMapper().readTree(home.resolve("jobs/1/artifacts/final.json").toFile()).get("final_loss")
                .asDouble();
    }

    private static boolean hasTorch() {
        try {
            Process probe = new ProcessBuilder(PYTHON.toString(), "-c", "import torch").start();
            return probe.waitFor() == 0;
        } catch (Exception e) {
            return false;
        }
    }

    private static String read(Path file) {
        try {
            return Files.exists(file) ? Files.readString(file) : "";
        } catch (java.io.IOException e) {
            return "";
        }
    }
}
