package io.rigshift.runner.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.rigshift.runner.metering.UsageLedger;
import io.rigshift.runner.node.ProcessIdentity;
import io.rigshift.runner.pool.LeaseService;
import io.rigshift.runner.pool.LeaseTimings;
import io.rigshift.runner.pool.ReclaimedLease;
import io.rigshift.runner.pool.Sleeper;
import io.rigshift.runner.store.PostgresTestSchema;
import io.rigshift.runner.store.RigshiftHome;
import io.rigshift.runner.store.Store;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Faults injected under a running job, through the one run lifecycle every job type shares: a
 * lease reclaimed under the job, a lease on another node, the store locked past its busy timeout,
 * PostgreSQL restarted. Command jobs keep these fast; DJL jobs share the same lifecycle code.
 */
class RunLifecycleFaultTests {

    private static final long CHILD_SECONDS = 120;
    private static final String LOOP = "trap 'echo got-term; exit 0' TERM; echo started; while true; do sleep 0.1; done";

    @TempDir
    Path scratch;

    @Test
    void aLeaseReclaimedUnderARunningJobStopsItWithTheReason() throws Exception {
        Path home = scratch.resolve("reclaimed");
        assertEquals(0, CliRun.of("pool", "add", "--node", "sim1", "--model", "A40", "--count", "1", "--memory-gib", "48",
                "--simulated", "--home", home.toString()).exitCode());
        ChildRigshift train = ChildRigshift.start(home.resolve("logs"), "train", List.of("-Drigshift.heartbeat.ms=200"),
                "train", "--tenant", "acme", "--gpus", "1", "--home", home.toString(), "--", "sh", "-c", LOOP);
        Path log = home.resolve("jobs/1/logs/output.log");
        train.awaitUntil(() -> read(log).contains("started"), CHILD_SECONDS);
        List<ReclaimedLease> reclaimed;
        try (Store store = Store.open(new RigshiftHome(home), Optional.empty())) {
            // The pool's own reclaim, as if the holder had missed its heartbeats for an hour.
            UsageLedger ledger = new UsageLedger(store, Clock.systemUTC());
            reclaimed = new LeaseService(store, Clock.offset(Clock.systemUTC(), Duration.ofHours(1)),
                    new ProcessIdentity("pool-controller", 1, 0), LeaseTimings.defaults(), Sleeper.SYSTEM)
                    .addReclaimListener(r -> ledger.closeReclaimedLease(r.leaseId())).reclaimExpired();
        }
        assertEquals(1, reclaimed.size());
        assertEquals(1, train.waitFor(CHILD_SECONDS), "exit 1: the job did not end as asked\n" + train.out());
        String reason = "lease " + reclaimed.get(0).leaseId() + " was reclaimed";
        assertTrue(train.out().contains("stopped after a checkpoint (" + reason + ")"), train.out());
        assertTrue(read(log).contains("got-term"), "the command was told to stop: " + read(log));
        JsonNode status = new ObjectMapper().readTree(CliRun.of("status", "1", "--home", home.toString(), "--format",
                "json").out());
        assertEquals("STOPPED", status.get("job").get("status").asText());
        assertEquals(reason, status.get("stop_reason").asText());
        assertTrue(CliRun.of("status", "1", "--home", home.toString()).out().contains("stopped: " + reason));
        try (Store store = Store.open(new RigshiftHome(home), Optional.empty())) {
            assertEquals("reclaimed", store.jdbc().queryForObject("SELECT outcome FROM usage_record", String.class));
        }
    }

    @Test
    void aLeaseOnAnotherNodeIsRefusedAndGivenBack() throws Exception {
        Path home = scratch.resolve("other-node");
        assertEquals(0, CliRun.of("pool", "add", "--node", "gpu-07", "--model", "A40", "--count", "1", "--memory-gib",
                "48", "--home", home.toString()).exitCode());
        CliRun run = CliRun.of("train", "--tenant", "acme", "--gpus", "1", "--home", home.toString(), "--", "true");
        assertEquals(2, run.exitCode(), run.out());
        assertTrue(run.err().contains("is on node gpu-07, but this machine is not a registered node"), run.err());
        try (Store store = Store.open(new RigshiftHome(home), Optional.empty())) {
            assertEquals("failed", store.jdbc().queryForObject("SELECT outcome FROM pool_lease", String.class));
            assertEquals("available", store.jdbc().queryForObject("SELECT state FROM pool_device", String.class));
        }
    }

    @Test
    void sqliteLockedLongerThanItsBusyTimeoutDoesNotFailTheJob() throws Exception {
        Path home = scratch.resolve("locked");
        ChildRigshift train = ChildRigshift.start(home.resolve("logs"), "train", List.of(
                "-Drigshift.sqlite.busy-timeout.ms=300", "-Drigshift.heartbeat.ms=200", "-Drigshift.lease-ttl.ms=30000"),
                "train", "--tenant", "acme", "--home", home.toString(), "--", "sh", "-c",
                "echo started; sleep 9; echo finished");
        Path log = home.resolve("jobs/1/logs/output.log");
        train.awaitUntil(() -> read(log).contains("started"), CHILD_SECONDS);
        long released;
        try (Connection lock = DriverManager.getConnection("jdbc:sqlite:" + new RigshiftHome(home).database());
                Statement sql = lock.createStatement()) {
            sql.execute("BEGIN EXCLUSIVE");
            // 20 busy timeouts long: every phase commit and heartbeat of the job meets SQLITE_BUSY meanwhile.
            Thread.sleep(6_000);
            sql.execute("COMMIT");
            released = System.currentTimeMillis();
        }
        assertEquals(0, train.waitFor(CHILD_SECONDS), train.out() + train.err());
        assertTrue(train.out().contains("job 1 COMPLETED"), train.out());
        try (Store store = Store.open(new RigshiftHome(home), Optional.empty())) {
            Map<String, Object> record = store.jdbc().queryForMap("SELECT outcome, last_heartbeat_ms FROM usage_record");
            assertEquals("completed", record.get("outcome"), "metering intact: " + record);
            assertTrue(((Number) record.get("last_heartbeat_ms")).longValue() >= released, record.toString());
            Double failures = store.jdbc().queryForObject("SELECT MAX(value) FROM job_metric WHERE name = "
                    + "'runner.heartbeat_failures'", Double.class);
            assertTrue(failures != null && failures > 0, "the failed heartbeats are counted for /metrics: " + failures);
        }
        String operatorLog = Files.readString(home.resolve("logs/rigshift.log"));
        assertTrue(operatorLog.contains("retrying"), "the outage is in the operator's log");
    }

    @Test
    void postgresRestartedUnderARunningJobDoesNotFailIt() throws Exception {
        Assumptions.assumeTrue(Files.isExecutable(Path.of("/usr/bin/pg_ctlcluster")) && Files.isDirectory(
                Path.of("/etc/postgresql")), "needs the local PostgreSQL cluster to restart");
        String version;
        try (var versions = Files.list(Path.of("/etc/postgresql"))) {
            version = versions.findFirst().orElseThrow().getFileName().toString();
        }
        Path home = scratch.resolve("pg");
        try (PostgresTestSchema schema = PostgresTestSchema.create()) {
            ChildRigshift train = ChildRigshift.start(home.resolve("logs"), "train", List.of(
                    "-Drigshift.heartbeat.ms=200", "-Drigshift.lease-ttl.ms=60000"), "train", "--tenant", "acme",
                    "--home", home.toString(), "--db-url", schema.url(), "--", "sh", "-c",
                    "echo started; sleep 10; echo finished");
            Path log = home.resolve("jobs/1/logs/output.log");
            train.awaitUntil(() -> read(log).contains("started"), CHILD_SECONDS);
            Process restart = new ProcessBuilder("pg_ctlcluster", "--skip-systemctl-redirect", version, "main",
                    "restart").inheritIO().start();
            assertEquals(0, restart.waitFor(), "pg_ctlcluster restart");
            assertEquals(0, train.waitFor(CHILD_SECONDS), train.out() + train.err());
            assertTrue(train.out().contains("job 1 COMPLETED"), train.out());
            CliRun status = CliRun.of("status", "1", "--home", home.toString(), "--db-url", schema.url(), "--format",
                    "json");
            assertEquals("COMPLETED", new ObjectMapper().readTree(status.out()).get("job").get("status").asText());
            try (Store store = Store.open(new RigshiftHome(home), Optional.of(schema.url()))) {
                assertEquals("completed", store.jdbc().queryForObject("SELECT outcome FROM usage_record", String.class));
            }
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
