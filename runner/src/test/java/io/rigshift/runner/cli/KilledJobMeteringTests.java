package io.rigshift.runner.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.rigshift.runner.store.RigshiftHome;
import io.rigshift.runner.store.Store;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 6, end to end on CPU: a pooled job SIGKILLed mid-run is billed up to its last heartbeat and
 * not beyond; its resume opens a new record that does not overlap the first; usage sums are exact.
 *
 * <p>The killed job's pool lease is not released (SIGKILL). The node has one device, so the resume's
 * grant must reclaim that lease: its holder ran on this host and is dead, so it is reclaimed at once,
 * not after its TTL (90 s), and the killed job's record, closed at its last heartbeat, stays closed once.
 */
class KilledJobMeteringTests {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long CHILD_SECONDS = 300;

    @TempDir
    Path home;

    @Test
    void killedJobIsBilledToItsLastHeartbeatAndItsResumeOpensANewRecord() throws Exception {
        String h = home.toString();
        CliRun add = CliRun.of("pool", "add", "--node", "sim1", "--model", "A40", "--count", "1",
                "--memory-gib", "48", "--simulated", "--home", h);
        assertEquals(0, add.exitCode(), add.err());

        // 96 smoke samples / batch 16 = 6 steps per epoch: 2,400 steps, a checkpoint every 5.
        ChildRigshift train = ChildRigshift.start(home.resolve("logs"), "train", "train", "--smoke",
                "--tenant", "acme", "--gpus", "1", "--gpu-model", "A40", "--epochs", "400",
                "--checkpoint-every", "5", "--home", h);
        train.awaitUntil(() -> checkpointFolders(home).size() >= 2, CHILD_SECONDS);

        Map<String, Object> beforeKill = onlyRecord();
        long notedHeartbeat = (Long) beforeKill.get("last_heartbeat_ms");
        assertNull(beforeKill.get("end_ms"), "record open while running: " + beforeKill);
        train.process().destroyForcibly().waitFor(CHILD_SECONDS, TimeUnit.SECONDS);
        long killedAt = System.currentTimeMillis();
        assertFalse(train.process().isAlive());

        Map<String, Object> first = onlyRecord();
        long start1 = (Long) first.get("start_ms");
        long heartbeatAtKill = (Long) first.get("last_heartbeat_ms");
        String lease1 = (String) first.get("lease_id");
        System.out.println("killed job: record " + first + ", noted heartbeat " + notedHeartbeat
                + ", killed at " + killedAt + ", checkpoints " + checkpointFolders(home));
        assertNull(first.get("end_ms"), "a SIGKILLed job's record stays open: " + first);
        assertEquals("open", first.get("outcome"));
        assertEquals(1L, first.get("job_execution_id"));
        assertEquals("acme", first.get("tenant"));
        assertEquals("A40", first.get("device_model"));
        assertEquals(1L, first.get("device_count"));
        assertNotNull(lease1, "a pooled job's record names its lease");
        assertTrue(start1 < notedHeartbeat, "two checkpoints heartbeat after the start: " + first);
        assertTrue(notedHeartbeat <= heartbeatAtKill && heartbeatAtKill <= killedAt,
                "last heartbeat " + heartbeatAtKill + " between the noted one " + notedHeartbeat
                        + " and the kill " + killedAt);

        // Let time pass, so that a record closed at "now" instead of its last heartbeat would show.
        Thread.sleep(1500);
        JsonNode byJob = usage("--by", "job");
        Map<String, Object> closed = onlyRecord();
        System.out.println("after usage --by job: record " + closed + "\n" + byJob);
        assertEquals(heartbeatAtKill, closed.get("end_ms"), "closed at its last heartbeat: " + closed);
        assertTrue((Long) closed.get("end_ms") <= killedAt, "not billed beyond the kill");
        assertEquals("failed", closed.get("outcome"));
        long duration1 = heartbeatAtKill - start1;
        JsonNode jobRow = row(byJob, "1");
        assertEquals(duration1, jobRow.get("deviceMs").asLong(), byJob.toString());
        assertFalse(jobRow.get("running").asBoolean(), byJob.toString());
        assertEquals(duration1, byJob.get("total").get("deviceMs").asLong(), byJob.toString());

        long resumeStarted = System.currentTimeMillis();
        ChildRigshift resume = ChildRigshift.start(home.resolve("logs"), "resume", "resume", "1", "--home", h);
        assertEquals(0, resume.waitFor(CHILD_SECONDS), resume.out() + resume.err());
        System.out.println("resume took " + (System.currentTimeMillis() - resumeStarted) + " ms; "
                + resume.out().lines().filter(l -> l.contains("device:") || l.contains("resuming")
                        || l.contains("marking it failed")).toList());

        List<Map<String, Object>> records = records();
        assertEquals(2, records.size(), records.toString());
        Map<String, Object> again = records.get(0);
        Map<String, Object> second = records.get(1);
        System.out.println("after resume: " + records);
        assertEquals(closed, again, "the first record is unchanged by the resume");
        assertNotEquals(again.get("id"), second.get("id"));
        assertEquals(2L, second.get("job_execution_id"));
        assertEquals("completed", second.get("outcome"));
        assertEquals("acme", second.get("tenant"));
        assertEquals("A40", second.get("device_model"));
        assertEquals(1L, second.get("device_count"));
        assertNotEquals(lease1, second.get("lease_id"), "the resume leases anew");
        long start2 = (Long) second.get("start_ms");
        long end2 = (Long) second.get("end_ms");
        assertTrue(start2 >= heartbeatAtKill, "no overlap: second starts " + start2 + ", first ends "
                + heartbeatAtKill);
        assertTrue(end2 >= start2 && end2 == (Long) second.get("last_heartbeat_ms"), second.toString());
        long duration2 = end2 - start2;

        Map<String, Object> firstLease = lease(lease1);
        System.out.println("killed job's lease at the end: " + firstLease + " ("
                + (System.currentTimeMillis() - killedAt) + " ms after the kill)");
        assertEquals("reclaimed", firstLease.get("outcome"), "the resume's grant reclaimed it: " + firstLease);
        long expiresAt = ((Number) firstLease.get("expires_at")).longValue();
        long reclaimedAt = ((Number) firstLease.get("released_at")).longValue();
        assertTrue(reclaimedAt < expiresAt && start2 < expiresAt, "the dead holder's lease must be reclaimed at the "
                + "resume's grant, before it expires at " + expiresAt + "; reclaimed at " + reclaimedAt
                + ", the device re-granted at " + start2);

        JsonNode byTenant = usage("--by", "tenant");
        System.out.println("usage --by tenant: " + byTenant);
        long expected = duration1 * 1 + duration2 * 1;
        assertEquals(expected, row(byTenant, "acme").get("deviceMs").asLong(), byTenant.toString());
        assertEquals(expected, byTenant.get("total").get("deviceMs").asLong(), byTenant.toString());
        assertFalse(byTenant.get("total").get("running").asBoolean(), byTenant.toString());
        JsonNode byJobAfter = usage("--by", "job");
        // A job is its first execution's id: the resumed execution's record adds to the same job.
        assertEquals(duration1 + duration2, row(byJobAfter, "1").get("deviceMs").asLong(), byJobAfter.toString());
        assertEquals(1, byJobAfter.get("rows").size(), byJobAfter.toString());
        System.out.printf("figures: record 1 [%d, %d] = %d ms (killed at %d), record 2 [%d, %d] = %d ms, "
                + "gap %d ms, acme total %d device-ms%n", start1, heartbeatAtKill, duration1, killedAt, start2, end2,
                duration2, start2 - heartbeatAtKill, expected);
    }

    private JsonNode usage(String... grouping) throws IOException {
        List<String> args = new ArrayList<>(List.of("usage"));
        args.addAll(List.of(grouping));
        args.addAll(List.of("--format", "json", "--home", home.toString()));
        CliRun run = CliRun.of(args.toArray(String[]::new));
        assertEquals(0, run.exitCode(), run.err());
        return JSON.readTree(run.out());
    }

    private static JsonNode row(JsonNode report, String key) {
        for (JsonNode row : report.get("rows")) {
            if (row.get("key").asText().equals(key)) {
                return row;
            }
        }
        throw new AssertionError("no row " + key + " in " + report);
    }

    private Map<String, Object> onlyRecord() {
        List<Map<String, Object>> records = records();
        assertEquals(1, records.size(), records.toString());
        return records.get(0);
    }

    /** The ledger's rows, oldest first, with integer columns as Long. */
    private List<Map<String, Object>> records() {
        try (Store store = Store.open(new RigshiftHome(home), Optional.empty())) {
            return store.jdbc().query("SELECT id, tenant, job_execution_id, lease_id, node, device_model, "
                    + "device_count, start_ms, end_ms, last_heartbeat_ms, outcome, owner_host, owner_pid "
                    + "FROM usage_record ORDER BY id", (rs, i) -> {
                        Map<String, Object> row = new HashMap<>();
                        for (int c = 1; c <= rs.getMetaData().getColumnCount(); c++) {
                            String name = rs.getMetaData().getColumnLabel(c).toLowerCase(java.util.Locale.ROOT);
                            Object value = rs.getObject(c);
                            row.put(name, value instanceof Number n ? (Object) n.longValue() : value);
                        }
                        return row;
                    });
        }
    }

    private Map<String, Object> lease(String id) {
        try (Store store = Store.open(new RigshiftHome(home), Optional.empty())) {
            return store.jdbc().queryForMap("SELECT id, released_at, outcome, expires_at, holder_pid "
                    + "FROM pool_lease WHERE id = ?", id);
        }
    }


    private static List<Path> checkpointFolders(Path home) {
        Path root = home.resolve("jobs/1/checkpoints");
        List<Path> found = new ArrayList<>();
        if (!Files.isDirectory(root)) {
            return found;
        }
        try (DirectoryStream<Path> stream = Files.newDirectoryStream(root, "step-*")) {
            stream.forEach(found::add);
        } catch (IOException e) {
            return found; // the folder changes while we look; the next poll sees it settled
        }
        found.sort(null);
        return found;
    }
}
