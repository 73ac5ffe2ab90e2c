package io.rigshift.runner.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rigshift.runner.metering.UsageLedger;
import io.rigshift.runner.store.RigshiftHome;
import io.rigshift.runner.store.Store;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A job on a simulated pool node: leased, trained on CPU replicas, metered, released. */
class PooledTrainingTests {

    @TempDir
    Path home;

    @Test
    void simulatedPoolJobIsLeasedMeteredAndReleased() throws Exception {
        String h = home.toString();
        assertEquals(0, CliRun.of("pool", "add", "--node", "sim1", "--model", "A40", "--count", "4",
                "--memory-gib", "48", "--simulated", "--home", h).exitCode());
        CliRun run = CliRun.of("train", "--smoke", "--tenant", "acme", "--gpus", "2", "--gpu-model", "A40", "--home", h);
        assertEquals(0, run.exitCode(), run.err());
        assertTrue(run.out().contains("2 simulated A40 on sim1"), run.out());

        try (Store store = Store.open(new RigshiftHome(home), Optional.empty())) {
            List<String> records = store.jdbc().query(
                    "SELECT tenant, device_model, device_count, outcome, job_execution_id FROM usage_record",
                    (rs, i) -> rs.getString(1) + " " + rs.getString(2) + " x" + rs.getInt(3) + " " + rs.getString(4)
                            + " job " + rs.getLong(5));
            assertEquals(List.of("acme A40 x2 completed job 1"), records);
            assertTrue(new UsageLedger(store, Clock.systemUTC()).openRecords().isEmpty(), "record closed");
            Integer held = store.jdbc().queryForObject(
                    "SELECT COUNT(*) FROM pool_lease WHERE released_at IS NULL", Integer.class);
            assertEquals(0, held, "lease released");
        }
        CliRun usage = CliRun.of("usage", "--by", "model", "--format", "json", "--home", h);
        assertEquals(0, usage.exitCode(), usage.err());
        assertTrue(usage.out().contains("A40"), usage.out());

        CliRun tooMany = CliRun.of("train", "--smoke", "--tenant", "acme", "--gpus", "5", "--home", h);
        assertEquals(2, tooMany.exitCode(), tooMany.err());
        CliRun gpu = CliRun.of("train", "--smoke", "--tenant", "acme", "--device", "gpu", "--home", h);
        assertEquals(2, gpu.exitCode(), gpu.err());
        assertTrue(gpu.err().contains("no real GPU"), gpu.err());
    }
}
