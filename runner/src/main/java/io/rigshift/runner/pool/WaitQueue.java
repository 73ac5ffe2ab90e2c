package io.rigshift.runner.pool;

import io.rigshift.runner.node.ProcessIdentity;

import io.rigshift.runner.store.Store;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The queue of requests waiting for devices, and its order: tenants with the least
 * {@link RecentGpuTime} first, and within a tenant first come, first served.
 *
 * <p>A waiter is granted only when no request ahead of it that could use the same devices is
 * still waiting, unless that request is held back by its own tenant's quota. So a large request
 * is not starved by a stream of small ones, and a capped tenant does not block the others.
 */
public final class WaitQueue {

    private final JdbcTemplate jdbc;
    private final Clock clock;
    private final LeaseTimings timings;

    public WaitQueue(Store store, Clock clock, LeaseTimings timings) {
        this.jdbc = store.jdbc();
        this.clock = clock;
        this.timings = timings;
    }

    /** The live waiting requests in the order they will be served. */
    public List<QueuedRequest> list() {
        long now = clock.millis();
        long alive = now - timings.waiterTtl().toMillis();
        List<Waiter> waiters = load(jdbc).stream().filter(w -> w.heartbeatAt() >= alive).toList();
        Map<String, Long> recent = RecentGpuTime.of(jdbc, tenants(waiters), now);
        Map<String, TenantQuota> quotas = TenantQuotas.load(jdbc);
        List<QueuedRequest> queued = new ArrayList<>();
        int position = 1;
        for (Waiter w : order(waiters, recent)) {
            TenantQuota quota = quotas.get(w.tenant());
            queued.add(new QueuedRequest(position++, w.requestId(), w.tenant(), w.gpus(), w.gpuModel(), w.jobLabel(),
                    w.holder(), Instant.ofEpochMilli(w.enqueuedAt()), recent.getOrDefault(w.tenant(), 0L),
                    quota != null && quota.wouldExceed(w.gpus())));
        }
        return queued;
    }

    /** Serving order: least recent GPU time per tenant, then enqueue time, then arrival sequence. */
    static List<Waiter> order(List<Waiter> waiters, Map<String, Long> recentGpuMillis) {
        List<Waiter> ordered = new ArrayList<>(waiters);
        ordered.sort(Comparator.<Waiter>comparingLong(w -> recentGpuMillis.getOrDefault(w.tenant(), 0L))
                .thenComparingLong(Waiter::enqueuedAt)
                .thenComparingLong(Waiter::seq)
                .thenComparing(Waiter::requestId));
        return ordered;
    }

    static Set<String> tenants(List<Waiter> waiters) {
        Set<String> tenants = new LinkedHashSet<>();
        waiters.forEach(w -> tenants.add(w.tenant()));
        return tenants;
    }

    static List<Waiter> load(JdbcTemplate jdbc) {
        return jdbc.query("SELECT request_id, tenant, gpus, gpu_model, job_label, holder_host, holder_pid, "
                + "enqueued_at, seq, heartbeat_at, holder_started_ms FROM pool_wait",
                (rs, row) -> new Waiter(rs.getString(1), rs.getString(2), rs.getInt(3),
                        Optional.ofNullable(rs.getString(4)), rs.getString(5),
                        new ProcessIdentity(rs.getString(6), rs.getLong(7), rs.getLong(11)), rs.getLong(8), rs.getLong(9), rs.getLong(10)));
    }

    /** Adds a waiter with the next arrival sequence; the caller holds the pool lock. */
    static void insert(JdbcTemplate jdbc, Waiter w) {
        jdbc.update("INSERT INTO pool_wait (request_id, tenant, gpus, gpu_model, job_label, holder_host, holder_pid, "
                + "holder_started_ms, enqueued_at, seq, heartbeat_at) "
                + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, (SELECT COALESCE(MAX(seq), 0) + 1 FROM pool_wait), ?)",
                w.requestId(), w.tenant(), w.gpus(), w.gpuModel().orElse(null), w.jobLabel(), w.holder().hostId(),
                w.holder().pid(), w.holder().startedAtMs(), w.enqueuedAt(), w.heartbeatAt());
    }

    static boolean delete(JdbcTemplate jdbc, String requestId) {
        return jdbc.update("DELETE FROM pool_wait WHERE request_id = ?", requestId) > 0;
    }
}
