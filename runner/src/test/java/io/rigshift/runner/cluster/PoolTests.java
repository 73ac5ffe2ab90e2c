package io.rigshift.runner.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.rigshift.runner.cli.ChildRigshift;
import io.rigshift.runner.cli.CliRun;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.amqp.rabbit.connection.CachingConnectionFactory;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.amqp.support.converter.JacksonJsonMessageConverter;
import org.springframework.batch.integration.partition.StepExecutionRequest;

/**
 * The pool across processes, on the real PostgreSQL and RabbitMQ: a controller and simulated node
 * agents as separate JVMs, jobs submitted from a third process.
 */
class PoolTests {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** 30 steps per epoch, 480 steps; checkpoints at 20, 30, 50, 60, ... (as ExactResumeTests). */
    private static final List<String> JOB = List.of("--smoke", "--tenant", "acme", "--seed", "7", "--samples", "480",
            "--epochs", "16", "--checkpoint-every", "20", "--keep", "2");

    @TempDir
    Path dir;

    @Test
    void twoJobsOfTwoGpusRunOnDifferentNodesAndJobsShowsWhere() throws Exception {
        try (TestPool pool = TestPool.create(dir)) {
            ChildRigshift controller = pool.controller("controller");
            pool.agent("a1", 2);
            pool.agent("a2", 2);
            pool.agent("a3", 2);
            pool.awaitUp(controller);
            long first = pool.submit("--smoke", "--tenant", "acme", "--gpus", "2");
            long second = pool.submit("--smoke", "--tenant", "beta", "--gpus", "2");
            pool.awaitStatus(first, "COMPLETED", 120);
            pool.awaitStatus(second, "COMPLETED", 120);

            CliRun jobs = pool.cli("jobs", "--format", "json");
            List<String> nodes = new ArrayList<>();
            for (JsonNode job : JSON.readTree(jobs.out()).get("jobs")) {
                nodes.add(job.get("node").asText());
                assertThat(job.get("device").asText()).startsWith("2 simulated A40 on a");
            }
            assertThat(nodes).hasSize(2).doesNotHaveDuplicates().allMatch(List.of("a1", "a2", "a3")::contains);
            assertThat(pool.cli("jobs").out()).contains(nodes.get(0)).contains(nodes.get(1));
            // Each job's usage record is on the node that held its lease, and closed.
            List<Map<String, Object>> records = pool.store().jdbc().queryForList(
                    "SELECT node, outcome FROM usage_record ORDER BY job_execution_id");
            assertThat(records).extracting(r -> r.get("outcome")).containsOnly("completed");
            assertThat(records).extracting(r -> r.get("node")).containsExactlyInAnyOrderElementsOf(nodes);
            assertThat(pool.store().jdbc().queryForObject("SELECT COUNT(*) FROM pool_lease WHERE released_at IS NULL",
                    Integer.class)).isZero();
        }
    }

    /**
     * Whoever sees an execution's end (its status in the store) sees its usage record closed and its
     * lease released: a script that waits for the end and then reads usage gets the whole bill. Each
     * look is one statement, so one snapshot; they follow each other as fast as the store answers.
     */
    @Test
    void aJobShowsItsEndWithItsUsageClosedAndItsLeaseReleased() throws Exception {
        try (TestPool pool = TestPool.create(dir)) {
            ChildRigshift controller = pool.controller("controller");
            pool.agent("a1", 1);
            pool.awaitUp(controller);
            List<Long> ids = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                ids.add(pool.submit("--tenant", "beta", "--", "true"));
            }
            // Fails, is recovered once on a new execution, fails again.
            ids.add(pool.submit("--tenant", "beta", "--max-restarts", "1", "--", "sh", "-c", "exit 3"));
            var jdbc = pool.store().jdbc();
            Set<String> ended = new TreeSet<>();
            Set<String> seenOpen = new TreeSet<>();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(180);
            boolean done = false;
            while (!done) {
                assertThat(System.nanoTime()).as("all ended in 180 s: %s", pool.outputs()).isLessThan(deadline);
                done = jdbc.queryForObject("SELECT COUNT(*) FROM pool_job WHERE state <> 'ended'", Integer.class) == 0;
                for (Map<String, Object> row : jdbc.queryForList("SELECT e.JOB_EXECUTION_ID AS id, e.STATUS AS status, "
                        + "u.end_ms, l.released_at FROM BATCH_JOB_EXECUTION e LEFT JOIN usage_record u "
                        + "ON u.job_execution_id = e.JOB_EXECUTION_ID LEFT JOIN pool_lease l ON l.id = u.lease_id "
                        + "WHERE e.STATUS IN ('COMPLETED', 'FAILED', 'STOPPED')")) {
                    String seen = row.get("id") + " " + row.get("status");
                    ended.add(seen);
                    if (row.get("end_ms") == null || row.get("released_at") == null) {
                        seenOpen.add(seen + ": usage end " + row.get("end_ms") + ", lease released " + row.get("released_at"));
                    }
                }
            }
            assertThat(seenOpen).as("ended executions seen with their usage open or lease held").isEmpty();
            assertThat(ended).as(pool.outputs()).hasSize(6);
            assertThat(ended.stream().filter(e -> e.endsWith("COMPLETED"))).hasSize(4);
            assertThat(pool.newestStatus(ids.get(4))).isEqualTo("FAILED");
            assertThat(jdbc.queryForObject("SELECT recoveries FROM pool_job WHERE job_instance_id = ?", Integer.class,
                    pool.instanceOf(ids.get(4)))).isEqualTo(1);
        }
    }

    @Test
    void aSigkilledAgentsJobResumesOnAnotherNodeBitExactAndIsBilledOncePerPlacement() throws Exception {
        Path reference = dir.resolve("reference");
        ChildRigshift uninterrupted = uninterrupted(reference);
        try (TestPool pool = TestPool.create(dir)) {
            Path pause = dir.resolve("pause-a1");
            ChildRigshift controller = pool.controller("controller");
            // Only a1's workers pause after batch 37 (the newest checkpoint is then step 30): the job lands on
            // a1 (first by name of the equally free nodes), and its recovery elsewhere runs on.
            ChildRigshift a1 = pool.agent("a1", 1, "-Drigshift.fault.pause-after-step=37:" + pause);
            pool.agent("a2", 1);
            pool.agent("a3", 1);
            pool.awaitUp(controller);
            List<String> args = new ArrayList<>(JOB);
            args.addAll(List.of("--gpus", "1"));
            long id = pool.submit(args.toArray(String[]::new));
            pool.await(() -> Files.exists(pause), 120, a1);
            a1.process().destroyForcibly(); // SIGKILL; its worker dies with it (parent-death signal)
            pool.awaitStatus(id, "COMPLETED", 180);
            assertThat(uninterrupted.waitFor(120)).as(uninterrupted.out() + uninterrupted.err()).isZero();

            long instance = pool.instanceOf(id);
            assertBitExact(pool, instance, reference);
            assertThat(Files.readString(pool.shared().resolve("jobs/" + instance + "/worker.log")))
                    .contains("--- placement 2 on node").contains("resuming at step 30");

            List<Map<String, Object>> records = pool.store().jdbc().queryForList("SELECT u.node, u.start_ms, u.end_ms, "
                    + "u.outcome, l.granted_at, l.released_at FROM usage_record u JOIN pool_lease l ON l.id = u.lease_id "
                    + "JOIN BATCH_JOB_EXECUTION e ON e.JOB_EXECUTION_ID = u.job_execution_id "
                    + "WHERE e.JOB_INSTANCE_ID = ? ORDER BY u.start_ms", instance);
            assertThat(records).hasSize(2);
            assertThat(records.get(0).get("node")).isEqualTo("a1");
            assertThat(records.get(0).get("outcome")).isEqualTo("reclaimed");
            assertThat(records.get(1).get("node")).isNotEqualTo("a1");
            assertThat(records.get(1).get("outcome")).isEqualTo("completed");
            long firstEnd = ((Number) records.get(0).get("end_ms")).longValue();
            long secondStart = ((Number) records.get(1).get("start_ms")).longValue();
            assertThat(firstEnd).as("no millisecond billed twice").isLessThanOrEqualTo(secondStart);
            long billed = 0;
            long leased = 0;
            for (Map<String, Object> record : records) {
                billed += ((Number) record.get("end_ms")).longValue() - ((Number) record.get("start_ms")).longValue();
                leased += ((Number) record.get("released_at")).longValue()
                        - ((Number) record.get("granted_at")).longValue();
            }
            assertThat(billed).isPositive().isLessThanOrEqualTo(leased);
            assertThat(pool.store().jdbc().queryForObject("SELECT recoveries FROM pool_job WHERE job_instance_id = ?",
                    Integer.class, instance)).isEqualTo(1);
            // usage --by job: the moved job is one job, its two records summed.
            CliRun usage = pool.cli("usage", "--by", "job", "--format", "json");
            assertThat(usage.exitCode()).as(usage.err()).isZero();
            JsonNode rows = JSON.readTree(usage.out()).get("rows");
            assertThat(rows).hasSize(1);
            assertThat(rows.get(0).get("key").asText()).isEqualTo(Long.toString(id));
            assertThat(rows.get(0).get("deviceMs").asLong()).isEqualTo(billed);
        } finally {
            uninterrupted.process().destroyForcibly();
        }
    }

    @Test
    void aPausedNodeLosesNothingWithinTheGraceAndIsFencedAfterIt() throws Exception {
        Path reference = dir.resolve("reference");
        ChildRigshift uninterrupted = uninterrupted(reference);
        try (TestPool pool = TestPool.create(dir)) {
            Path pause = dir.resolve("pause-a1");
            ChildRigshift controller = pool.controller("controller");
            ChildRigshift a1 = pool.agent("a1", 1, "-Drigshift.fault.pause-after-step=37:" + pause);
            pool.agent("a2", 1);
            pool.awaitUp(controller);
            long id = pool.submit(JOB.toArray(String[]::new));
            pool.await(() -> Files.exists(pause), 120, a1);
            long agentPid = a1.process().pid();
            long workerPid = a1.process().toHandle().children().findFirst().orElseThrow().pid();

            // Paused for less than the node grace: nothing is declared lost, nothing moves.
            signal("STOP", agentPid, workerPid);
            Thread.sleep(TestPool.GRACE_SECONDS * 1000 / 3);
            signal("CONT", agentPid, workerPid);
            Thread.sleep(TestPool.GRACE_SECONDS * 1000);
            assertThat(controller.out()).doesNotContain("node a1 lost");
            assertThat(pool.store().jdbc().queryForObject("SELECT COUNT(*) FROM pool_placement", Integer.class))
                    .isEqualTo(1);

            // Paused for longer: a1 is lost and the job moves to a2. The stale worker is let go before a1 wakes.
            signal("STOP", agentPid, workerPid);
            long stoppedAt = System.currentTimeMillis();
            pool.await(() -> controller.out().contains("(tenant acme) placed on node a2"), 60, controller);
            Map<String, Object> stale = pool.store().jdbc().queryForMap("SELECT STEP_EXECUTION_ID, VERSION, STATUS "
                    + "FROM BATCH_STEP_EXECUTION WHERE JOB_EXECUTION_ID = ? AND STEP_NAME = 'run:p0'", id);
            assertThat(stale.get("STATUS")).isEqualTo("FAILED");
            Files.delete(pause);
            signal("CONT", agentPid, workerPid);
            pool.awaitStatus(id, "COMPLETED", 180);
            pool.await(() -> !ProcessHandle.of(workerPid).map(ProcessHandle::isAlive).orElse(false), 30, a1);

            String log = Files.readString(pool.shared().resolve("jobs/" + pool.instanceOf(id) + "/worker.log"));
            assertThat(a1.out() + log).as("the stale worker is stopped by its agent or by its own fence")
                    .containsAnyOf("killing its 1 worker(s), whose jobs moved", "fenced: this placement of job " + id,
                            "is no longer current (moved elsewhere): killing its worker");
            Map<String, Object> after = pool.store().jdbc().queryForMap("SELECT VERSION, STATUS FROM BATCH_STEP_EXECUTION "
                    + "WHERE STEP_EXECUTION_ID = ?", stale.get("STEP_EXECUTION_ID"));
            assertThat(List.of(after.get("VERSION"), after.get("STATUS"))).as("the stale worker wrote no step status")
                    .isEqualTo(List.of(stale.get("VERSION"), "FAILED"));
            Map<String, Object> firstRecord = pool.store().jdbc().queryForMap("SELECT end_ms, last_heartbeat_ms, outcome "
                    + "FROM usage_record WHERE node = 'a1'");
            assertThat(firstRecord.get("outcome")).isEqualTo("reclaimed");
            assertThat(((Number) firstRecord.get("last_heartbeat_ms")).longValue())
                    .as("no usage heartbeat from the stale node").isLessThanOrEqualTo(stoppedAt + 1_000);
            assertThat(uninterrupted.waitFor(120)).isZero();
            assertBitExact(pool, pool.instanceOf(id), reference);
        } finally {
            uninterrupted.process().destroyForcibly();
        }
    }

    @Test
    void aNodeCutOffFromStoreAndBrokerLosesNothingWithinTheGraceAndWritesNothingAfterItMoved() throws Exception {
        Path reference = dir.resolve("reference");
        ChildRigshift uninterrupted = uninterrupted(reference);
        try (TestPool pool = TestPool.create(dir); TcpProxy store = new TcpProxy(5432); TcpProxy broker = new TcpProxy(5672)) {
            Path pause = dir.resolve("pause-a1");
            ChildRigshift controller = pool.controller("controller");
            ChildRigshift a1 = pool.agentVia("a1", 1, pool.url().replace(":5432/", ":" + store.port() + "/"),
                    "amqp://guest:guest@127.0.0.1:" + broker.port(), "-Drigshift.fault.pause-after-step=37:" + pause);
            pool.agent("a2", 1);
            pool.awaitUp(controller);
            long id = pool.submit(JOB.toArray(String[]::new));
            pool.await(() -> Files.exists(pause), 120, a1);
            long instance = pool.instanceOf(id);
            long workerPid = a1.process().toHandle().children().findFirst().orElseThrow().pid();

            // Cut off for less than the grace: nothing is declared lost, nothing moves.
            store.cut();
            broker.cut();
            Thread.sleep(TestPool.GRACE_SECONDS * 1000 / 3);
            store.restore();
            broker.restore();
            Thread.sleep(TestPool.GRACE_SECONDS * 1000);
            assertThat(controller.out()).doesNotContain("node a1 lost");

            // Cut off for longer: the job moves to a2. a1's worker trains on meanwhile, but cannot show its
            // placement current at its next checkpoint, so it writes none; back online, it finds it moved.
            store.cut();
            broker.cut();
            long cutAt = System.currentTimeMillis();
            pool.await(() -> controller.out().contains("(tenant acme) placed on node a2"), 60, controller);
            Map<String, Object> stale = pool.store().jdbc().queryForMap("SELECT STEP_EXECUTION_ID, VERSION "
                    + "FROM BATCH_STEP_EXECUTION WHERE JOB_EXECUTION_ID = ? AND STEP_NAME = 'run:p0'", id);
            Files.delete(pause);
            pool.awaitStatus(id, "COMPLETED", 180);
            store.restore();
            broker.restore();
            pool.await(() -> !ProcessHandle.of(workerPid).map(ProcessHandle::isAlive).orElse(false), 120, a1);
            String log = Files.readString(pool.shared().resolve("jobs/" + instance + "/worker.log"));
            assertThat(a1.out() + log).containsAnyOf("killing its 1 worker(s), whose jobs moved",
                    "fenced: this placement of job " + id, "is no longer current (moved elsewhere): killing its worker");
            assertThat(pool.store().jdbc().queryForObject("SELECT VERSION FROM BATCH_STEP_EXECUTION "
                    + "WHERE STEP_EXECUTION_ID = ?", Long.class, stale.get("STEP_EXECUTION_ID")))
                    .as("no step status from the cut-off worker").isEqualTo(((Number) stale.get("VERSION")).longValue());
            assertThat(pool.store().jdbc().queryForObject("SELECT last_heartbeat_ms FROM usage_record WHERE node = 'a1'",
                    Long.class)).as("no usage heartbeat from the cut-off node").isLessThanOrEqualTo(cutAt + 1_000);
            assertThat(uninterrupted.waitFor(120)).isZero();
            assertBitExact(pool, instance, reference);
        } finally {
            uninterrupted.process().destroyForcibly();
        }
    }

    /** The same job trained here on CPU without interruption: what a moved job must end with, byte for byte. */
    private ChildRigshift uninterrupted(Path reference) throws Exception {
        List<String> local = new ArrayList<>(List.of("train", "--device", "cpu", "--home", reference.toString()));
        local.addAll(JOB);
        return ChildRigshift.start(dir.resolve("logs"), "reference", TestPool.FAST, local.toArray(String[]::new));
    }

    /** The moved job's parameters equal the uninterrupted run's, byte for byte. */
    private static void assertBitExact(TestPool pool, long instance, Path reference) throws java.io.IOException {
        byte[] expected = Files.readAllBytes(reference.resolve("jobs/1/model/parameters.bin"));
        byte[] moved = Files.readAllBytes(pool.shared().resolve("jobs/" + instance + "/model/parameters.bin"));
        assertThat(moved).as("parameters after a move between nodes, byte for byte").isEqualTo(expected);
    }

    private static void signal(String signal, long... pids) throws Exception {
        List<String> command = new ArrayList<>(List.of("kill", "-" + signal));
        for (long pid : pids) {
            command.add(Long.toString(pid));
        }
        assertThat(new ProcessBuilder(command).inheritIO().start().waitFor()).isZero();
    }

    @Test
    void drainNowMovesARunningJobAndStopThenResumeWorkAcrossHosts() throws Exception {
        try (TestPool pool = TestPool.create(dir)) {
            Path pause = dir.resolve("pause-a1");
            ChildRigshift controller = pool.controller("controller");
            ChildRigshift a1 = pool.agent("a1", 1, "-Drigshift.fault.pause-after-step=37:" + pause);
            pool.agent("a2", 1);
            pool.awaitUp(controller);
            long id = pool.submit(JOB.toArray(String[]::new));
            pool.await(() -> Files.exists(pause), 120, a1);
            CliRun drain = pool.cli("pool", "drain", "a1", "--now");
            assertThat(drain.exitCode()).as(drain.err()).isZero();
            assertThat(drain.out()).contains("job " + id + ": stopping after a checkpoint, to move")
                    .contains("1 job moving off node a1");
            Files.delete(pause);
            pool.await(() -> controller.out().contains("job " + id + " stopped on draining node a1"), 60, controller);
            pool.awaitStatus(id, "COMPLETED", 180);
            long instance = pool.instanceOf(id);
            assertThat(pool.store().jdbc().queryForList("SELECT node FROM pool_placement WHERE job_instance_id = ? "
                    + "ORDER BY epoch", String.class, instance)).containsExactly("a1", "a2");
            assertThat(pool.store().jdbc().queryForList("SELECT outcome FROM usage_record ORDER BY id", String.class))
                    .containsExactly("stopped", "completed");
            assertThat(Files.readString(pool.shared().resolve("jobs/" + instance + "/worker.log")))
                    .containsPattern("resuming at step (3[7-9]|[4-9][0-9])\\b");

            // stop and resume from any process: a command job on a2 (a1 drains).
            long command = pool.submit("--tenant", "beta", "--", "sh", "-c", "sleep 30");
            pool.await(() -> "STARTED".equals(pool.store().jdbc().queryForList("SELECT STATUS FROM BATCH_STEP_EXECUTION "
                    + "WHERE JOB_EXECUTION_ID = ? AND STEP_NAME = 'run:p0'", String.class, command).stream().findFirst()
                    .orElse("")), 120, controller);
            assertThat(pool.cli("stop", Long.toString(command)).exitCode()).isZero();
            pool.awaitStatus(command, "STOPPED", 120);
            CliRun running = pool.cli("resume", Long.toString(command));
            assertThat(running.exitCode()).as(running.err()).isZero();
            assertThat(running.out()).contains("queued in the pool again");
            pool.await(() -> pool.store().jdbc().queryForObject("SELECT COUNT(*) FROM BATCH_JOB_EXECUTION WHERE "
                    + "JOB_INSTANCE_ID = ?", Integer.class, pool.instanceOf(command)) == 2, 60, controller);
            pool.await(() -> "STARTED".equals(pool.newestStatus(command)), 60, controller);
            CliRun again = pool.cli("resume", Long.toString(command));
            assertThat(again.exitCode()).isEqualTo(2);
            assertThat(again.err()).contains("is still running in the pool");
            CliRun jobs = pool.cli("jobs");
            assertThat(jobs.out()).contains("RECOVERED");
            CliRun status = pool.cli("status", Long.toString(id));
            assertThat(status.out()).contains("pool: on node a1, 0 recoveries of this job before this execution");
        }
    }

    @Test
    void restartingPostgresqlAndRabbitmqDuringAJobLosesNothingAndBillsNothingTwice() throws Exception {
        try (TestPool pool = TestPool.create(dir)) {
            Path pause = dir.resolve("pause-a1");
            ChildRigshift controller = pool.controller("controller");
            ChildRigshift a1 = pool.agent("a1", 1, "-Drigshift.fault.pause-after-step=37:" + pause);
            pool.awaitUp(controller);
            long id = pool.submit(JOB.toArray(String[]::new));
            pool.await(() -> Files.exists(pause), 120, a1);

            String cluster;
            try (var versions = Files.list(Path.of("/etc/postgresql"))) {
                cluster = versions.map(v -> v.getFileName().toString()).sorted().findFirst().orElseThrow();
            }
            run("pg_ctlcluster", "--skip-systemctl-redirect", cluster, "main", "restart");
            run("rabbitmqctl", "-q", "stop_app");
            run("rabbitmqctl", "-q", "start_app");
            Files.delete(pause);
            pool.awaitStatus(id, "COMPLETED", 180);

            long instance = pool.instanceOf(id);
            assertThat(pool.store().jdbc().queryForObject("SELECT COUNT(*) FROM pool_placement WHERE job_instance_id = ?",
                    Integer.class, instance)).as("nothing moved: %s", pool.outputs()).isEqualTo(1);
            String log = Files.readString(pool.shared().resolve("jobs/" + instance + "/worker.log"));
            assertThat(log).doesNotContain("resuming at step").contains("480 steps");
            // Closed and released by the manager step before the job shows its end (aJobShowsItsEndWithItsUsageClosed)
            // or, should that have stopped short, by the controller's next round (whatAnEndLeftOpenTheControllerFinishes).
            List<Map<String, Object>> records = pool.store().jdbc().queryForList("SELECT u.start_ms, u.end_ms, u.outcome, "
                    + "l.granted_at, l.released_at FROM usage_record u JOIN pool_lease l ON l.id = u.lease_id");
            assertThat(records).hasSize(1);
            assertThat(records.get(0).get("outcome")).as("the usage record's outcome: %s", pool.outputs())
                    .isEqualTo("completed");
            assertThat(((Number) records.get(0).get("end_ms")).longValue()
                    - ((Number) records.get(0).get("start_ms")).longValue())
                    .isLessThanOrEqualTo(((Number) records.get(0).get("released_at")).longValue()
                            - ((Number) records.get(0).get("granted_at")).longValue());
            // The controller sends and the agent receives again after the broker's restart.
            long next = pool.submit("--tenant", "beta", "--", "true");
            pool.awaitStatus(next, "COMPLETED", 120);
        }
    }

    /**
     * An end that got part of the way (the controller died, or the store failed under it past the
     * retries): the controller closes the usage record at its last heartbeat, releases the lease and
     * ends the placement, whichever of them was left, stores the job's end where the manager closed
     * the placement but did not, and moves on a job its manager left placed.
     */
    @Test
    void whatAnEndLeftOpenTheControllerFinishes() throws Exception {
        try (TestPool pool = TestPool.create(dir)) {
            ChildRigshift controller = pool.controller("controller");
            ChildRigshift a1 = pool.agent("a1", 1);
            pool.awaitUp(controller);
            var jdbc = pool.store().jdbc();
            long first = pool.submit("--tenant", "beta", "--", "true");
            awaitWholeEnd(pool, first, a1);
            Map<String, Object> ended = reopen(pool, first);
            pool.await(() -> "completed".equals(jdbc.queryForObject("SELECT outcome FROM usage_record WHERE id = ?",
                    String.class, ended.get("usage_record_id"))), 30, controller);
            assertFinished(pool, ended);

            long second = pool.submit("--tenant", "beta", "--", "true");
            awaitWholeEnd(pool, second, a1);
            Map<String, Object> open = reopen(pool, second);
            jdbc.update("UPDATE pool_placement SET state = 'running', ended_ms = NULL WHERE job_instance_id = ?",
                    open.get("job_instance_id"));
            jdbc.update("UPDATE pool_job SET state = 'placed' WHERE job_instance_id = ?", open.get("job_instance_id"));
            pool.await(() -> controller.out().contains("job " + second + " ended COMPLETED with its placement 1 on node "
                    + "a1 open: ending it"), 30, controller);
            pool.await(() -> "ended".equals(jdbc.queryForObject("SELECT state FROM pool_job WHERE job_instance_id = ?",
                    String.class, open.get("job_instance_id"))), 30, controller);
            assertThat(jdbc.queryForObject("SELECT state FROM pool_placement WHERE job_instance_id = ?", String.class,
                    open.get("job_instance_id"))).isEqualTo("ended");
            assertFinished(pool, open);
            // The pool places the next job on the freed device.
            long third = pool.submit("--tenant", "beta", "--", "true");
            awaitWholeEnd(pool, third, a1);

            // Its manager closed the placement and died before the job's end was stored.
            long instance = pool.instanceOf(third);
            jdbc.update("UPDATE BATCH_JOB_EXECUTION SET STATUS = 'STARTED', EXIT_CODE = 'UNKNOWN', END_TIME = NULL "
                    + "WHERE JOB_EXECUTION_ID = ?", third);
            jdbc.update("UPDATE pool_job SET state = 'placed' WHERE job_instance_id = ?", instance);
            pool.await(() -> controller.out().contains("job " + third + ": its placement 1 on node a1 ended without "
                    + "the job's end: ending it"), 30, controller);
            assertMovedOn(pool, third, controller);

            // Its manager stored the job's end and died before it moved the job on.
            jdbc.update("UPDATE pool_job SET state = 'placed' WHERE job_instance_id = ?", instance);
            pool.await(() -> controller.out().contains("job " + third + " ended COMPLETED with its pool job left "
                    + "placed: moving it on"), 30, controller);
            assertMovedOn(pool, third, controller);
            assertThat(jdbc.queryForList("SELECT outcome FROM usage_record WHERE job_execution_id = ?", String.class,
                    third)).as("closed once, as it was").containsExactly("completed");
        }
    }

    private static void assertMovedOn(TestPool pool, long id, ChildRigshift controller) {
        var jdbc = pool.store().jdbc();
        pool.await(() -> "ended".equals(jdbc.queryForObject("SELECT state FROM pool_job WHERE job_instance_id = ?",
                String.class, pool.instanceOf(id))), 30, controller);
        assertThat(pool.newestStatus(id)).isEqualTo("COMPLETED");
        assertThat(jdbc.queryForObject("SELECT END_TIME FROM BATCH_JOB_EXECUTION WHERE JOB_EXECUTION_ID = ?",
                Object.class, id)).isNotNull();
    }

    /**
     * Waits for the whole of a job's end: its status, its usage record closed and its lease released
     * (awaitStatus), its placement ended, and its worker reaped by the agent (until then the agent beats
     * the record and would move a reopened one's last heartbeat).
     */
    private static void awaitWholeEnd(TestPool pool, long id, ChildRigshift agent) {
        pool.awaitStatus(id, "COMPLETED", 120);
        pool.await(() -> "ended".equals(pool.store().jdbc().queryForObject("SELECT state FROM pool_placement "
                + "WHERE job_instance_id = ?", String.class, pool.instanceOf(id))), 30, agent);
        pool.await(() -> agent.out().contains("job " + id + ": worker of partition "), 30, agent);
    }

    /** Puts back the usage record and lease of an ended job as an end that stopped short would leave them. */
    private static Map<String, Object> reopen(TestPool pool, long id) {
        var jdbc = pool.store().jdbc();
        Map<String, Object> placement = jdbc.queryForMap("SELECT p.job_instance_id, p.usage_record_id, p.lease_id, "
                + "u.last_heartbeat_ms, u.end_ms FROM pool_placement p JOIN usage_record u ON u.id = p.usage_record_id "
                + "WHERE p.job_instance_id = ?", pool.instanceOf(id));
        assertThat(jdbc.update("UPDATE usage_record SET end_ms = NULL, outcome = 'open' WHERE id = ?",
                placement.get("usage_record_id"))).isEqualTo(1);
        assertThat(jdbc.update("UPDATE pool_lease SET released_at = NULL, outcome = NULL WHERE id = ?",
                placement.get("lease_id"))).isEqualTo(1);
        assertThat(jdbc.update("UPDATE pool_device SET state = 'leased', lease_id = ? WHERE node = 'a1'",
                placement.get("lease_id"))).isEqualTo(1);
        return placement;
    }

    private static void assertFinished(TestPool pool, Map<String, Object> placement) {
        var jdbc = pool.store().jdbc();
        Map<String, Object> record = jdbc.queryForMap("SELECT outcome, end_ms, last_heartbeat_ms FROM usage_record "
                + "WHERE id = ?", placement.get("usage_record_id"));
        assertThat(record.get("outcome")).isEqualTo("completed");
        assertThat(((Number) record.get("end_ms")).longValue()).as("closed at its last heartbeat")
                .isEqualTo(((Number) placement.get("last_heartbeat_ms")).longValue());
        pool.await(() -> jdbc.queryForObject("SELECT outcome FROM pool_lease WHERE id = ?", String.class,
                placement.get("lease_id")) != null, 30, null);
        assertThat(jdbc.queryForObject("SELECT outcome FROM pool_lease WHERE id = ?", String.class,
                placement.get("lease_id"))).isEqualTo("completed");
        assertThat(jdbc.queryForObject("SELECT state FROM pool_device WHERE node = 'a1'", String.class))
                .isEqualTo("available");
    }

    private static void run(String... command) throws Exception {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        assertThat(process.waitFor()).as(String.join(" ", command) + ": " + output).isZero();
    }

    @Test
    void theSameStepRequestDeliveredAgainRunsNothing() throws Exception {
        try (TestPool pool = TestPool.create(dir)) {
            ChildRigshift controller = pool.controller("controller");
            ChildRigshift a1 = pool.agent("a1", 1);
            pool.awaitUp(controller);
            long id = pool.submit("--smoke", "--tenant", "acme");
            pool.awaitStatus(id, "COMPLETED", 120);
            long partition = pool.store().jdbc().queryForObject("SELECT STEP_EXECUTION_ID FROM BATCH_STEP_EXECUTION "
                    + "WHERE JOB_EXECUTION_ID = ? AND STEP_NAME = 'run:p0'", Long.class, id);
            Integer steps = pool.store().jdbc().queryForObject("SELECT COUNT(*) FROM BATCH_STEP_EXECUTION", Integer.class);

            CachingConnectionFactory connections = BrokerOptions.factory(BrokerOptions.DEFAULT);
            try {
                RabbitTemplate template = new RabbitTemplate(connections);
                template.setMessageConverter(new JacksonJsonMessageConverter(
                        "org.springframework.batch.integration.partition"));
                template.convertAndSend(PoolMessaging.queue(new Placements(pool.store()).poolId(), "a1"), new StepExecutionRequest("run", partition));
                template.convertAndSend(PoolMessaging.queue(new Placements(pool.store()).poolId(), "a1"), "not a step request");
            } finally {
                connections.destroy();
            }
            pool.await(() -> a1.out().contains("partition " + partition + ": not placed on node a1 now"), 30, a1);
            assertThat(a1.out().split("partition " + partition + " started", -1)).as(a1.out()).hasSize(2);
            assertThat(pool.store().jdbc().queryForObject("SELECT COUNT(*) FROM BATCH_STEP_EXECUTION", Integer.class))
                    .isEqualTo(steps);
            assertThat(pool.newestStatus(id)).isEqualTo("COMPLETED");
            assertThat(a1.process().isAlive()).as("an undecodable message is rejected, not fatal").isTrue();
        }
    }

    @Test
    void aStandbyControllerTakesOverAndTheRunningJobCompletes() throws Exception {
        try (TestPool pool = TestPool.create(dir)) {
            Path pause = dir.resolve("pause");
            ChildRigshift first = pool.controller("controller-1");
            pool.await(() -> first.out().contains("controller active"), 60, first);
            ChildRigshift second = pool.controller("controller-2");
            ChildRigshift a1 = pool.agent("a1", 1, "-Drigshift.fault.pause-after-step=37:" + pause);
            pool.awaitUp(first);
            pool.await(() -> second.out().contains("controller up"), 60, second);
            assertThat(second.out()).doesNotContain("controller active");
            List<String> args = new ArrayList<>(JOB);
            long id = pool.submit(args.toArray(String[]::new));
            pool.await(() -> Files.exists(pause), 120, a1);
            first.process().destroyForcibly();
            pool.await(() -> second.out().contains("controller active"), 60, second);
            Files.delete(pause); // the worker goes on
            pool.awaitStatus(id, "COMPLETED", 180);
            assertThat(second.out()).contains("job " + id + ": taken up from an earlier controller");
            assertThat(pool.store().jdbc().queryForObject("SELECT COUNT(*) FROM BATCH_JOB_EXECUTION "
                    + "WHERE JOB_INSTANCE_ID = ?", Integer.class, pool.instanceOf(id))).as("nothing rerun").isEqualTo(1);
            assertThat(pool.store().jdbc().queryForList("SELECT outcome FROM usage_record", String.class))
                    .containsExactly("completed");
            // The new controller places new work too.
            long next = pool.submit("--smoke", "--tenant", "beta");
            pool.awaitStatus(next, "COMPLETED", 120);
        }
    }

    @Test
    void aControllerThatLosesTheLeaderLockWaitsForItAndExitsOnlyWhenAnotherHoldsIt() throws Exception {
        try (TestPool pool = TestPool.create(dir)) {
            ChildRigshift controller = pool.controller("controller");
            pool.await(() -> controller.out().contains("controller active"), 60, controller);

            // What a store restart does to the lock: its renewal fails, and no one else can take it meanwhile.
            pool.store().jdbc().execute("ALTER TABLE INT_LOCK RENAME TO INT_LOCK_AWAY");
            pool.await(() -> controller.out().contains("controller lost the leader lock: standby"), 60, controller);
            pool.store().jdbc().execute("ALTER TABLE INT_LOCK_AWAY RENAME TO INT_LOCK");
            pool.await(() -> controller.out().contains("controller active again"), 60, controller);
            assertThat(controller.process().isAlive()).isTrue();
            ChildRigshift a1 = pool.agent("a1", 1);
            pool.awaitUp(controller);
            long job = pool.submit("--tenant", "beta", "--", "true");
            pool.awaitStatus(job, "COMPLETED", 120);

            // Another controller takes the lock: this one must not manage next to it.
            pool.store().jdbc().update("UPDATE INT_LOCK SET CLIENT_ID = ?, EXPIRED_AFTER = ?",
                    java.util.UUID.randomUUID().toString(), java.sql.Timestamp.valueOf("2999-01-01 00:00:00"));
            assertThat(controller.process().waitFor(60, java.util.concurrent.TimeUnit.SECONDS)).as(controller.out())
                    .isTrue();
            assertThat(controller.process().exitValue()).isEqualTo(1);
            assertThat(controller.out()).contains("another controller holds the leader lock: exiting");
            assertThat(a1.process().isAlive()).isTrue();
        }
    }

    @Test
    void aWrongOrUnreachableBrokerIsOneLineAndExitTwo() {
        CliRun scheme = CliRun.of("controller", "--broker-url", "http://127.0.0.1:5672", "--home", dir.toString());
        assertThat(scheme.exitCode()).isEqualTo(2);
        assertThat(scheme.err().strip()).doesNotContain("\n").contains("must start with amqp://");
        CliRun closed = CliRun.of("agent", "--node", "n1", "--simulated", "1", "--broker-url",
                "amqp://guest:secret@127.0.0.1:1", "--home", dir.toString());
        assertThat(closed.exitCode()).isEqualTo(2);
        assertThat(closed.err().strip()).doesNotContain("\n").contains("cannot reach the broker at")
                .contains("127.0.0.1:1").doesNotContain("secret");
    }
}
