package io.rigshift.runner.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rigshift.runner.store.RigshiftHome;
import io.rigshift.runner.store.Store;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A tenant's own DJL job type, built into a jar during the test, run through the CLI: it trains on
 * CPU, checkpoints, is SIGKILLed, resumes bit-exact, and is metered like the sample.
 */
class JobJarTests {

    private static final long CHILD_SECONDS = 180;

    @TempDir
    static Path scratch;

    static Path jar;

    @BeforeAll
    static void buildJar() throws Exception {
        jar = JobJars.build(scratch.resolve("build"), "/jobs/linreg/LinearRegressionJob.java",
                "example.linreg.LinearRegressionJob");
    }

    @Test
    void jobTypesListsTheJarsTypeWithItsParameters() {
        CliRun run = CliRun.of("job-types", "--job-jar", jar.toString());
        assertEquals(0, run.exitCode(), run.err());
        assertTrue(run.out().contains("linreg: Linear regression"), run.out());
        assertTrue(run.out().contains("steps") && run.out().contains("300"), run.out());
        assertTrue(run.out().contains("text3d:") && run.out().contains("command:"), "built-ins listed too: " + run.out());
    }

    @Test
    void badParametersAreRefusedBeforeAnythingIsLeased() throws Exception {
        Path home = scratch.resolve("bad-params");
        CliRun wrongValue = CliRun.of("train", "--tenant", "acme", "--home", home.toString(), "--job-jar",
                jar.toString(), "--job", "linreg", "--param", "steps=lots");
        assertEquals(2, wrongValue.exitCode(), wrongValue.out());
        assertEquals("rigshift: parameter steps='lots' is not valid: expected an integer from 1 to 1000000",
                wrongValue.err().strip());
        CliRun unknown = CliRun.of("train", "--tenant", "acme", "--home", home.toString(), "--job-jar",
                jar.toString(), "--job", "linreg", "--param", "epochs=3");
        assertEquals(2, unknown.exitCode());
        assertTrue(unknown.err().contains("'epochs' is not one of job type linreg's: steps, features, lr, slow-ms"),
                unknown.err());
        CliRun legacyFlag = CliRun.of("train", "--tenant", "acme", "--home", home.toString(), "--job-jar",
                jar.toString(), "--job", "linreg", "--epochs", "3");
        assertEquals(2, legacyFlag.exitCode());
        assertTrue(legacyFlag.err().contains("--epochs does not apply to job type linreg"), legacyFlag.err());
        CliRun noType = CliRun.of("train", "--tenant", "acme", "--home", home.toString(), "--job", "nope");
        assertEquals(2, noType.exitCode());
        assertTrue(noType.err().contains("--job 'nope' is not a known job type"), noType.err());
        try (Store store = Store.open(new RigshiftHome(home), Optional.empty())) {
            assertEquals(0, store.jdbc().queryForObject("SELECT COUNT(*) FROM BATCH_JOB_EXECUTION", Integer.class));
            assertEquals(0, store.jdbc().queryForObject("SELECT COUNT(*) FROM usage_record", Integer.class));
        }
    }

    @Test
    void killedJarJobResumesBitExactAndIsMeteredOncePerExecution() throws Exception {
        Path reference = scratch.resolve("reference");
        ChildRigshift whole = ChildRigshift.start(reference.resolve("logs"), "reference", args(reference, "0"));
        assertEquals(0, whole.waitFor(CHILD_SECONDS), whole.out() + whole.err());
        List<String> expected = JobJars.lines(reference.resolve("jobs/1/artifacts/weights.txt"));

        Path home = scratch.resolve("killed");
        ChildRigshift killed = ChildRigshift.start(home.resolve("logs"), "killed", args(home, "20"));
        killed.awaitUntil(() -> checkpoints(home) >= 3, CHILD_SECONDS);
        killed.process().destroyForcibly();
        killed.process().waitFor();
        assertFalse(Files.exists(home.resolve("jobs/1/artifacts/weights.txt")), "killed before the end");

        ChildRigshift resumed = ChildRigshift.start(home.resolve("logs"), "resume", "resume", "1", "--home",
                home.toString());
        assertEquals(0, resumed.waitFor(CHILD_SECONDS), resumed.out() + resumed.err());
        assertTrue(resumed.out().contains("resuming job 1 (linreg, tenant acme)"), resumed.out());
        assertEquals(expected, JobJars.lines(home.resolve("jobs/1/artifacts/weights.txt")),
                "resumed weights equal the uninterrupted run's, bit for bit");

        try (Store store = Store.open(new RigshiftHome(home), Optional.empty())) {
            List<Map<String, Object>> records = store.jdbc().queryForList("SELECT job_execution_id, tenant, outcome, "
                    + "start_ms, end_ms FROM usage_record ORDER BY id");
            assertEquals(2, records.size(), records.toString());
            assertEquals(1L, ((Number) records.get(0).get("job_execution_id")).longValue());
            assertEquals("failed", records.get(0).get("outcome"), "the killed run ends at its last heartbeat");
            assertEquals(2L, ((Number) records.get(1).get("job_execution_id")).longValue());
            assertEquals("completed", records.get(1).get("outcome"));
            long firstEnd = ((Number) records.get(0).get("end_ms")).longValue();
            long secondStart = ((Number) records.get(1).get("start_ms")).longValue();
            assertTrue(firstEnd <= secondStart, "no millisecond billed twice: " + records);
            // Each batch's loss is stored for plotting at the end of its chunk (10 batches here); a kill loses at
            // most the chunk it interrupted, and the resumed run stores the steps it redoes.
            Map<String, Object> losses = store.jdbc().queryForMap("SELECT COUNT(DISTINCT step) AS steps, MAX(step) AS last "
                    + "FROM job_metric WHERE name = 'loss'");
            assertTrue(((Number) losses.get("steps")).longValue() >= 290, losses.toString());
            assertEquals(300L, ((Number) losses.get("last")).longValue(), losses.toString());
        }
        CliRun status = CliRun.of("status", "2", "--home", home.toString());
        assertTrue(status.out().contains("weight_error:"), status.out());
    }

    private static String[] args(Path home, String slowMs) {
        return new String[] {"train", "--tenant", "acme", "--home", home.toString(), "--job-jar", jar.toString(),
            "--job", "linreg", "--param", "steps=300", "--param", "slow-ms=" + slowMs, "--checkpoint-every", "25",
            "--device", "cpu"};
    }

    private static long checkpoints(Path home) {
        Path folder = home.resolve("jobs/1/checkpoints");
        if (!Files.isDirectory(folder)) {
            return 0;
        }
        try (var list = Files.list(folder)) {
            return list.filter(p -> p.getFileName().toString().startsWith("step-")).count();
        } catch (java.io.IOException e) {
            return 0;
        }
    }
}
