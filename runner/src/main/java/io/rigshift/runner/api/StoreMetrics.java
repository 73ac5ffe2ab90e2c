package io.rigshift.runner.api;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Tags;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.rigshift.runner.store.Store;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.ToDoubleFunction;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The pool's figures for Prometheus, read from the store at each scrape (the store is the truth; a
 * server holds no counters of its own): jobs by state, the queue, devices by model and state,
 * device time billed by tenant, lease grants and reclaims, training steps/s by job.
 */
final class StoreMetrics {

    private final JdbcTemplate jdbc;
    private final Clock clock;
    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final Map<String, AtomicLong> values = new ConcurrentHashMap<>();

    StoreMetrics(Store store, Clock clock) {
        this.jdbc = store.jdbc();
        this.clock = clock;
    }

    /** Reads the store and writes the text format. */
    synchronized String scrape() {
        for (AtomicLong value : values.values()) {
            value.set(0);
        }
        each("SELECT STATUS, COUNT(*) FROM BATCH_JOB_EXECUTION GROUP BY STATUS",
                rs -> gauge("rigshift.jobs", "Job executions by state", Tags.of("state", rs.getString(1)), rs.getLong(2)));
        long now = clock.millis();
        each("SELECT COUNT(*), MIN(enqueued_at) FROM pool_wait", rs -> {
            gauge("rigshift.queue.length", "Requests waiting for devices", Tags.empty(), rs.getLong(1));
            long oldest = rs.getLong(2);
            gauge("rigshift.queue.oldest.wait.seconds", "How long the oldest waiting request has waited", Tags.empty(),
                    rs.wasNull() ? 0 : Math.max(0, (now - oldest) / 1000));
        });
        each("SELECT gpu_model, state, COUNT(*) FROM pool_device GROUP BY gpu_model, state",
                rs -> gauge("rigshift.devices", "Pool devices by model and state",
                        Tags.of("model", rs.getString(1), "state", rs.getString(2)), rs.getLong(3)));
        each("SELECT tenant, SUM((COALESCE(end_ms, last_heartbeat_ms) - start_ms) * device_count) FROM usage_record "
                + "GROUP BY tenant", rs -> counterOfMillis("rigshift.billed.device.seconds",
                        "Device time recorded for billing, by tenant (the ledger keeps integer milliseconds)",
                        Tags.of("tenant", rs.getString(1)), rs.getLong(2)));
        each("SELECT COUNT(*), SUM(CASE WHEN outcome = 'reclaimed' THEN 1 ELSE 0 END) FROM pool_lease", rs -> {
            counter("rigshift.lease.grants", "Leases granted", Tags.empty(), rs.getLong(1));
            counter("rigshift.lease.reclaims", "Leases the pool took back from holders that stopped heartbeating",
                    Tags.empty(), rs.getLong(2));
        });
        each("SELECT m.job_execution_id, COUNT(*), MIN(m.recorded_ms), MAX(m.recorded_ms) FROM job_metric m "
                + "JOIN BATCH_JOB_EXECUTION e ON e.JOB_EXECUTION_ID = m.job_execution_id "
                + "WHERE m.name = 'loss' AND m.recorded_ms > ? AND e.STATUS IN ('STARTING', 'STARTED', 'STOPPING') "
                + "GROUP BY m.job_execution_id", rs -> {
                    long span = rs.getLong(4) - rs.getLong(3);
                    long stepsPerKilosecond = span <= 0 ? 0 : rs.getLong(2) * 1_000_000 / span;
                    gaugeScaled("rigshift.job.steps.per.second", "Training steps per second over the last minute",
                            Tags.of("job", Long.toString(rs.getLong(1))), stepsPerKilosecond);
                }, now - 60_000);
        each("SELECT m.job_execution_id, m.name, m.value FROM job_metric m JOIN BATCH_JOB_EXECUTION e "
                + "ON e.JOB_EXECUTION_ID = m.job_execution_id WHERE m.name IN ('checkpoint.stall_ms', 'checkpoint.write_ms') "
                + "AND e.STATUS IN ('STARTING', 'STARTED', 'STOPPING') ORDER BY m.step, m.recorded_ms", rs -> {
                    boolean stall = rs.getString(2).equals("checkpoint.stall_ms");
                    gaugeScaled(stall ? "rigshift.checkpoint.stall.seconds" : "rigshift.checkpoint.write.seconds",
                            stall ? "How long the newest checkpoint stalled training, by running job"
                                    : "How long the newest checkpoint took to write, by running job",
                            Tags.of("job", Long.toString(rs.getLong(1))), (long) rs.getDouble(3));
                });
        each("SELECT COALESCE(SUM(v), 0) FROM (SELECT MAX(value) AS v FROM job_metric WHERE name = "
                + "'runner.heartbeat_failures' GROUP BY job_execution_id) failures", rs -> counter(
                        "rigshift.heartbeat.failures", "Heartbeats of running jobs that failed (and were retried)",
                        Tags.empty(), rs.getLong(1)));
        return registry.scrape();
    }

    private void each(String sql, org.springframework.jdbc.core.RowCallbackHandler row, Object... args) {
        jdbc.query(sql, row, args);
    }

    private void gauge(String name, String help, Tags tags, long value) {
        holder(name, tags, value, v -> Gauge.builder(name, v, AtomicLong::get).description(help).tags(tags)
                .register(registry));
    }

    /** A gauge whose value is stored in thousandths. */
    private void gaugeScaled(String name, String help, Tags tags, long thousandths) {
        holder(name, tags, thousandths, v -> Gauge.builder(name, v, (ToDoubleFunction<AtomicLong>) a -> a.get() / 1000.0)
                .description(help).tags(tags).register(registry));
    }

    private void counter(String name, String help, Tags tags, long value) {
        holder(name, tags, value, v -> FunctionCounter.builder(name, v, AtomicLong::get).description(help).tags(tags)
                .register(registry));
    }

    /** A counter of seconds kept as integer milliseconds. */
    private void counterOfMillis(String name, String help, Tags tags, long millis) {
        holder(name, tags, millis, v -> FunctionCounter.builder(name, v, (ToDoubleFunction<AtomicLong>) a -> a.get() / 1000.0)
                .description(help).tags(tags).register(registry));
    }

    private void holder(String name, Tags tags, long value, java.util.function.Consumer<AtomicLong> register) {
        String key = name + tags;
        values.computeIfAbsent(key, k -> {
            AtomicLong v = new AtomicLong();
            register.accept(v);
            return v;
        }).set(value);
    }
}
