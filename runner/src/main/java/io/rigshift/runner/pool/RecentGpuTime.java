package io.rigshift.runner.pool;

import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * A tenant's recent GPU time, the measure fair queueing orders tenants by: the device-milliseconds
 * of the tenant's leases that fall inside the last 24 hours, i.e. the sum over its leases of
 * {@code devices x (min(released_at, now) - max(granted_at, now - 24 h))}, counting a live lease
 * up to now and a reclaimed one up to its reclaim. The tenant with the least goes first.
 */
public final class RecentGpuTime {

    /** The window that counts. */
    public static final Duration WINDOW = Duration.ofHours(24);

    private RecentGpuTime() {
    }

    /**
     * Device-milliseconds in the window ending at {@code nowMillis}, for the tenants that had any:
     * a tenant without is absent (its callers read 0).
     */
    static Map<String, Long> of(JdbcTemplate jdbc, Collection<String> tenants, long nowMillis) {
        Map<String, Long> recent = new HashMap<>();
        if (tenants.isEmpty()) {
            return recent;
        }
        long since = nowMillis - WINDOW.toMillis();
        String in = String.join(", ", tenants.stream().map(t -> "?").toList());
        Object[] args = new Object[4 + tenants.size()];
        args[0] = nowMillis;
        args[1] = since;
        args[2] = since;
        args[3] = since;
        int i = 4;
        for (String tenant : tenants) {
            args[i++] = tenant;
        }
        jdbc.query("SELECT tenant, SUM(device_count * ("
                + "(CASE WHEN released_at IS NULL THEN ? ELSE released_at END)"
                + " - (CASE WHEN granted_at < ? THEN ? ELSE granted_at END))) "
                + "FROM pool_lease WHERE (released_at IS NULL OR released_at > ?) AND tenant IN (" + in + ") "
                + "GROUP BY tenant",
                rs -> {
                    recent.put(rs.getString(1), Math.max(0L, rs.getLong(2)));
                }, args);
        return recent;
    }
}
