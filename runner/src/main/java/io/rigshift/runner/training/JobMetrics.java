package io.rigshift.runner.training;

import io.rigshift.runner.store.Store;
import io.rigshift.runner.store.StoreRetry;
import java.util.ArrayList;
import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;

/** The metrics jobs report, kept in the store for plotting: one row per (execution, step, name). */
public final class JobMetrics {

    /** One figure of one job execution at one step. */
    public record Metric(long jobExecutionId, long step, String name, double value, long recordedMs) {
    }

    private final JdbcTemplate jdbc;
    private final StoreRetry retry;

    public JobMetrics(Store store, StoreRetry retry) {
        this.jdbc = new JdbcTemplate(store.dataSource());
        this.retry = retry;
    }

    /** Stores a batch of metrics in one statement batch, retried through a store outage. */
    public void append(List<Metric> metrics) {
        if (metrics.isEmpty()) {
            return;
        }
        List<Object[]> rows = new ArrayList<>(metrics.size());
        for (Metric m : metrics) {
            rows.add(new Object[] {m.jobExecutionId(), m.step(), m.name(), m.value(), m.recordedMs()});
        }
        retry.run("storing metrics", () -> jdbc.batchUpdate(
                "INSERT INTO job_metric (job_execution_id, step, name, value, recorded_ms) VALUES (?, ?, ?, ?, ?)", rows));
    }

    /** A metric's history over the executions of one job, oldest first. */
    public static List<Metric> history(Store store, List<Long> executionIds, String name) {
        return history(store, executionIds, name, Long.MIN_VALUE);
    }

    /** The same, only the rows recorded at or after {@code sinceMs} (a live view asks for what is new). */
    public static List<Metric> history(Store store, List<Long> executionIds, String name, long sinceMs) {
        if (executionIds.isEmpty()) {
            return List.of();
        }
        String in = String.join(", ", java.util.Collections.nCopies(executionIds.size(), "?"));
        List<Object> args = new ArrayList<>(executionIds);
        args.add(name);
        args.add(sinceMs);
        return new JdbcTemplate(store.dataSource()).query("SELECT job_execution_id, step, name, value, recorded_ms "
                + "FROM job_metric WHERE job_execution_id IN (" + in + ") AND name = ? AND recorded_ms >= ? "
                + "ORDER BY step, recorded_ms",
                (rs, row) -> new Metric(rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getDouble(4), rs.getLong(5)),
                args.toArray());
    }
}
