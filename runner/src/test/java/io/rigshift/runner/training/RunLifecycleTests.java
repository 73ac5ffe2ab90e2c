package io.rigshift.runner.training;

import static org.assertj.core.api.Assertions.assertThat;

import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.rigshift.jobs.command.CommandJobType;
import io.rigshift.runner.batch.JobRepositories;
import io.rigshift.runner.cli.CliRun;
import io.rigshift.runner.node.HostNames;
import io.rigshift.runner.node.ProcessIdentity;
import io.rigshift.runner.pool.LeaseService;
import io.rigshift.runner.pool.LeaseTimings;
import io.rigshift.runner.pool.ReclaimedLease;
import io.rigshift.runner.pool.Sleeper;
import io.rigshift.runner.store.RigshiftHome;
import io.rigshift.runner.store.Store;
import java.io.BufferedWriter;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.infrastructure.item.ExecutionContext;

/**
 * The run lifecycle of a pooled job in this JVM, with a command job on one simulated device: each
 * execution opens one usage record and one lease, heartbeats both, and ends both once with how it
 * ended; a lease the pool takes back stops the job with the reason.
 */
class RunLifecycleTests {

    private static final String HEARTBEAT_MS = "rigshift.heartbeat.ms";

    @TempDir
    Path home;

    @BeforeEach
    void oneDeviceAndFastHeartbeats() {
        System.setProperty(HEARTBEAT_MS, "50");
        CliRun add = cli("pool", "add", "--node", "sim1", "--model", "A40", "--count", "1", "--memory-gib", "48",
                "--simulated");
        assertThat(add.exitCode()).as(add.err()).isZero();
    }

    @AfterEach
    void defaultHeartbeats() {
        System.clearProperty(HEARTBEAT_MS);
    }

    @Test
    void completedJobEndsItsRecordAndItsLeaseOnceAsCompletedAfterHeartbeatingThem() {
        CliRun run = cli("train", "--tenant", "acme", "--gpus", "1", "--", "sh", "-c", "sleep 0.5; echo done");
        assertThat(run.exitCode()).as(run.out() + run.err()).isZero();

        Map<String, Object> lease = onlyRow("SELECT id, outcome, released_at, granted_at, heartbeat_at FROM pool_lease");
        assertThat(run.out()).contains("device: ", "(lease " + lease.get("id") + ")");
        assertThat(lease.get("outcome")).isEqualTo("completed");
        assertThat(number(lease, "heartbeat_at")).as("the lease was heartbeaten").isGreaterThan(number(lease, "granted_at"));
        Map<String, Object> record = onlyRow("SELECT lease_id, node, outcome, start_ms, end_ms, last_heartbeat_ms "
                + "FROM usage_record");
        assertThat(record).containsEntry("lease_id", lease.get("id")).containsEntry("node", "sim1")
                .containsEntry("outcome", "completed");
        assertThat(number(record, "last_heartbeat_ms")).as("the record was heartbeaten")
                .isGreaterThan(number(record, "start_ms"));
        assertThat(number(record, "end_ms")).isGreaterThanOrEqualTo(number(record, "last_heartbeat_ms"));
        assertThat(onlyRow("SELECT state, lease_id FROM pool_device")).containsEntry("state", "available");
        assertThat(status().get("artifacts").asText()).isEqualTo(home.resolve("jobs/1").toString());
    }

    @Test
    void failedJobIsRestartedWithANewLeaseAndRecordEachEndedOnceAsFailed() {
        CliRun run = cli("train", "--tenant", "acme", "--gpus", "1", "--max-restarts", "1", "--", "sh", "-c", "exit 3");
        assertThat(run.exitCode()).as(run.out() + run.err()).isEqualTo(1);
        assertThat(run.out()).contains("restarting job 1 (restart 1 of 1)");
        assertThat(run.err()).as("both executions ended and were reported").isEmpty();

        List<Map<String, Object>> leases = rows("SELECT id, outcome FROM pool_lease ORDER BY granted_at, id");
        List<Map<String, Object>> records = rows("SELECT job_execution_id, lease_id, outcome, end_ms FROM usage_record "
                + "ORDER BY id");
        assertThat(leases).hasSize(2).allSatisfy(l -> assertThat(l.get("outcome")).isEqualTo("failed"));
        assertThat(records).hasSize(2).allSatisfy(r -> {
            assertThat(r.get("outcome")).isEqualTo("failed");
            assertThat(r.get("end_ms")).isNotNull();
        });
        assertThat(records).extracting(r -> r.get("lease_id"))
                .containsExactlyInAnyOrder(leases.get(0).get("id"), leases.get(1).get("id"));
        assertThat(records).extracting(r -> number(r, "job_execution_id")).containsExactly(1L, 2L);
        assertThat(run.out()).containsOnlyOnce("(lease " + leases.get(0).get("id") + ")")
                .containsOnlyOnce("(lease " + leases.get(1).get("id") + ")");
        assertThat(onlyRow("SELECT state FROM pool_device")).containsEntry("state", "available");
    }

    @Test
    void leaseReclaimedUnderTheJobStopsItAtItsNextHeartbeatWithTheReason() throws Exception {
        Path log = home.resolve("jobs/1/logs/output.log");
        CompletableFuture<CliRun> job = CompletableFuture.supplyAsync(() -> cli("train", "--tenant", "acme", "--gpus",
                "1", "--stop-grace", "5", "--", "sh", "-c",
                "trap 'echo got-term; exit 0' TERM; echo started; while true; do sleep 0.05; done"));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!(Files.exists(log) && Files.readString(log).contains("started"))) {
            assertThat(job).as("the job is still running").isNotDone();
            assertThat(System.nanoTime()).as("the command started within 60 s").isLessThan(deadline);
            Thread.onSpinWait();
        }
        Logger logger = (Logger) LoggerFactory.getLogger(RunLifecycle.class);
        ListAppender<ILoggingEvent> warnings = new ListAppender<>();
        warnings.start();
        logger.addAppender(warnings);
        List<ReclaimedLease> reclaimed;
        try (Store store = Store.open(new RigshiftHome(home), Optional.empty())) {
            // The pool's own reclaim, an hour later by its clock: the holder seems to have missed its heartbeats.
            reclaimed = new LeaseService(store, Clock.offset(Clock.systemUTC(), Duration.ofHours(1)),
                    ProcessIdentity.current(), LeaseTimings.defaults(), Sleeper.SYSTEM).reclaimExpired();
        }
        assertThat(reclaimed).hasSize(1);

        CliRun run;
        try {
            run = job.get(60, TimeUnit.SECONDS);
        } finally {
            logger.detachAppender(warnings);
        }
        String reason = "lease " + reclaimed.get(0).leaseId() + " was reclaimed";
        assertThat(warnings.list).extracting(ILoggingEvent::getFormattedMessage).as("warned once, at the first beat")
                .containsExactly(reason + ": stopping the job at its next batch");
        assertThat(execution(1).getExitStatus().getExitDescription()).contains(reason);
        assertThat(run.exitCode()).as(run.out() + run.err()).isEqualTo(1);
        assertThat(run.out()).contains("stopped after a checkpoint (" + reason + ")");
        assertThat(Files.readString(log)).contains("got-term");
        JsonNode status = status();
        assertThat(status.get("job").get("status").asText()).isEqualTo("STOPPED");
        assertThat(status.get("stop_reason").asText()).isEqualTo(reason);
        assertThat(onlyRow("SELECT outcome FROM usage_record")).containsEntry("outcome", "stopped");
        assertThat(onlyRow("SELECT outcome FROM pool_lease")).as("released once: by the reclaim")
                .containsEntry("outcome", "reclaimed");
    }

    @Test
    void aRunningJobIsSavedWithItsDevicesAndOwnerAndHeartbeatsItsRecordAndLeaseUntilItEnds() throws Exception {
        Path log = home.resolve("jobs/1/logs/output.log");
        Path go = home.resolve("go");
        CompletableFuture<CliRun> job = CompletableFuture.supplyAsync(() -> cli("train", "--tenant", "acme", "--gpus",
                "1", "--", "sh", "-c", "echo started; while [ ! -f '" + go + "' ]; do sleep 0.05; done"));
        try {
            awaitLogLine(job, log, "started");
            runningJobIsSavedAndHeartbeaten(job);
        } finally {
            Files.createFile(go);
        }
        CliRun run = job.get(60, TimeUnit.SECONDS);
        assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
        for (Thread thread : Thread.getAllStackTraces().keySet()) {
            if (thread.getName().equals("rigshift-heartbeat")) {
                thread.join(TimeUnit.SECONDS.toMillis(10));
                assertThat(thread.isAlive()).as("heartbeats end with the job").isFalse();
            }
        }
        assertThat(onlyRow("SELECT outcome FROM usage_record")).containsEntry("outcome", "completed");
    }

    @Test
    void aJobOnTheCpuHasNoLeaseAndRunsOnThisHost() {
        CliRun run = cli("train", "--tenant", "acme", "--device", "cpu", "--", "sh", "-c", "echo done");
        assertThat(run.exitCode()).as(run.out() + run.err()).isZero();

        assertThat(execution(1).getExecutionContext().getString(RunKeys.CONTEXT_NODE)).isEqualTo(HostNames.local());
        Map<String, Object> record = onlyRow("SELECT tenant, lease_id, node, outcome FROM usage_record");
        assertThat(record).containsEntry("tenant", "acme").containsEntry("node", HostNames.local())
                .containsEntry("outcome", "completed");
        assertThat(record.get("lease_id")).isNull();
        assertThat(rows("SELECT id FROM pool_lease")).isEmpty();
    }

    @Test
    void aLaunchThatFailsBeforeItsFirstStepGivesTheLeaseBackAsFailed() {
        StringWriter printed = new StringWriter();
        // Buffered: only what the lifecycle flushed reaches the writer.
        PrintWriter out = new PrintWriter(new BufferedWriter(printed));
        try (Store store = Store.open(new RigshiftHome(home), Optional.empty())) {
            assertThatIllegalStateException().isThrownBy(() -> RunLifecycle.run(new RigshiftHome(home), store,
                    new CommandJobType(), new DeviceAllocation.Request("acme", DeviceChoice.auto, 1, null, false,
                            "command"), 0, out, context -> {
                                throw new IllegalStateException("no such job");
                            })).withMessage("no such job");
        }
        Map<String, Object> lease = onlyRow("SELECT id, outcome, released_at FROM pool_lease");
        assertThat(lease.get("outcome")).isEqualTo("failed");
        assertThat(lease.get("released_at")).isNotNull();
        assertThat(onlyRow("SELECT state, lease_id FROM pool_device")).containsEntry("state", "available");
        assertThat(rows("SELECT id FROM usage_record")).as("no execution began").isEmpty();
        assertThat(printed.toString()).contains("(lease " + lease.get("id") + ")");
    }

    private void runningJobIsSavedAndHeartbeaten(CompletableFuture<CliRun> job) {
        // Read while the first phase runs: a process killed now must be known by its owner.
        ProcessIdentity owner = ProcessIdentity.current();
        ExecutionContext context = execution(1).getExecutionContext();
        assertThat(context.getString(RunKeys.CONTEXT_DEVICE)).isEqualTo("cpu (1 simulated A40 on sim1)");
        assertThat(context.getString(RunKeys.CONTEXT_NODE)).isEqualTo("sim1");
        assertThat(context.getString(RunKeys.CONTEXT_JOB_FOLDER)).isEqualTo(home.resolve("jobs/1").toString());
        assertThat(context.getString(RunKeys.CONTEXT_OWNER_HOST_ID)).isEqualTo(owner.hostId());
        assertThat(context.getString(RunKeys.CONTEXT_OWNER_HOST)).isEqualTo(HostNames.local());
        assertThat(context.getLong(RunKeys.CONTEXT_OWNER_PID)).isEqualTo(owner.pid());
        assertThat(context.getLong(RunKeys.CONTEXT_OWNER_STARTED)).isEqualTo(owner.startedAtMs());
        assertThat(context.containsKey(RunKeys.CONTEXT_STOP_REASON)).isFalse();
        awaitRow(job, "SELECT COUNT(*) AS n FROM usage_record WHERE end_ms IS NULL AND last_heartbeat_ms > start_ms");
        awaitRow(job, "SELECT COUNT(*) AS n FROM pool_lease WHERE released_at IS NULL AND heartbeat_at > granted_at");

    }

    private static void awaitLogLine(CompletableFuture<CliRun> job, Path log, String line) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!(Files.exists(log) && Files.readString(log).contains(line))) {
            assertThat(job).as("the job is still running").isNotDone();
            assertThat(System.nanoTime()).as("the command started within 60 s").isLessThan(deadline);
            Thread.onSpinWait();
        }
    }

    /** Waits (10 s at most) until {@code countSql} counts one row. */
    private void awaitRow(CompletableFuture<CliRun> job, String countSql) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (number(onlyRow(countSql), "n") != 1) {
            assertThat(job).as("the job is still running").isNotDone();
            assertThat(System.nanoTime()).as(countSql + " within 10 s").isLessThan(deadline);
            Thread.onSpinWait();
        }
    }

    private JobExecution execution(long id) {
        try (Store store = Store.open(new RigshiftHome(home), Optional.empty())) {
            return JobRepositories.jdbc(store).getJobExecution(id);
        }
    }

    private CliRun cli(String... args) {
        String[] withHome = java.util.Arrays.copyOf(args, args.length + 2);
        int dashes = List.of(args).indexOf("--");
        if (dashes < 0) {
            withHome[args.length] = "--home";
            withHome[args.length + 1] = home.toString();
        } else {
            System.arraycopy(args, dashes, withHome, dashes + 2, args.length - dashes);
            withHome[dashes] = "--home";
            withHome[dashes + 1] = home.toString();
        }
        return CliRun.of(withHome);
    }

    private JsonNode status() {
        CliRun status = cli("status", "1", "--format", "json");
        assertThat(status.exitCode()).as(status.err()).isZero();
        try {
            return new ObjectMapper().readTree(status.out());
        } catch (java.io.IOException e) {
            throw new AssertionError(status.out(), e);
        }
    }

    private List<Map<String, Object>> rows(String sql) {
        try (Store store = Store.open(new RigshiftHome(home), Optional.empty())) {
            return store.jdbc().queryForList(sql);
        }
    }

    private Map<String, Object> onlyRow(String sql) {
        List<Map<String, Object>> rows = rows(sql);
        assertThat(rows).hasSize(1);
        return rows.get(0);
    }

    private static long number(Map<String, Object> row, String column) {
        return ((Number) row.get(column)).longValue();
    }
}
