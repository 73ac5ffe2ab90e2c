package io.rigshift.runner.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.rigshift.runner.store.RigshiftHome;
import io.rigshift.runner.store.Store;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * On the embedded store, whoever sees an execution's end sees its usage record closed and its
 * lease released (a script that waits for the end and then reads usage gets the whole bill), on
 * success, on failure and across a restart. Each look is one statement, so one snapshot; they
 * follow each other as fast as SQLite answers while the job's own process runs.
 */
class StoredEndTests {

    @TempDir
    Path home;

    @Test
    void anEndedExecutionIsSeenOnlyWithItsUsageClosedAndItsLeaseReleased() throws Exception {
        String h = home.toString();
        CliRun add = CliRun.of("pool", "add", "--node", "sim1", "--model", "A40", "--count", "1",
                "--memory-gib", "48", "--simulated", "--home", h);
        assertThat(add.exitCode()).as(add.err()).isZero();
        Set<String> ended = new TreeSet<>();
        Set<String> seenOpen = new TreeSet<>();
        List<List<String>> jobs = List.of(
                List.of("train", "--tenant", "acme", "--gpus", "1", "--home", h, "--", "true"),
                List.of("train", "--tenant", "acme", "--home", h, "--", "true"),
                List.of("train", "--tenant", "acme", "--gpus", "1", "--max-restarts", "1", "--home", h, "--",
                        "sh", "-c", "exit 3"));
        try (Store store = Store.openForReading(new RigshiftHome(home), Optional.empty())) {
            for (List<String> job : jobs) {
                ChildRigshift run = ChildRigshift.start(home.resolve("logs"), "train", job.toArray(String[]::new));
                boolean exited = false;
                while (!exited) {
                    exited = !run.process().isAlive();
                    watch(store, ended, seenOpen);
                }
                assertThat(run.process().exitValue()).as(run.out() + run.err()).isEqualTo(job.contains("true") ? 0 : 1);
            }
        }
        assertThat(seenOpen).as("ended executions seen with their usage open or lease held").isEmpty();
        // The two that completed, the one that failed and its restart, which failed too.
        assertThat(ended).containsExactly("1 COMPLETED", "2 COMPLETED", "3 FAILED", "4 FAILED");
    }

    private static void watch(Store store, Set<String> ended, Set<String> seenOpen) {
        for (Map<String, Object> row : store.jdbc().queryForList("SELECT e.JOB_EXECUTION_ID AS id, e.STATUS AS status, "
                + "u.end_ms, u.lease_id, l.released_at FROM BATCH_JOB_EXECUTION e LEFT JOIN usage_record u "
                + "ON u.job_execution_id = e.JOB_EXECUTION_ID LEFT JOIN pool_lease l ON l.id = u.lease_id "
                + "WHERE e.STATUS IN ('COMPLETED', 'FAILED', 'STOPPED')")) {
            String seen = row.get("id") + " " + row.get("status");
            ended.add(seen);
            if (row.get("end_ms") == null || row.get("lease_id") != null && row.get("released_at") == null) {
                seenOpen.add(seen + ": usage end " + row.get("end_ms") + ", lease " + row.get("lease_id")
                        + " released " + row.get("released_at"));
            }
        }
    }
}
