package io.rigshift.runner.pool;

import io.rigshift.runner.store.Store;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Tenants' quotas: the most devices a tenant's live leases may hold at once. A tenant without a
 * quota is capped only by the pool. Requests over the quota wait; a request above the cap itself
 * can never be granted.
 */
public final class TenantQuotas {

    /** The largest quota accepted. */
    public static final int MAX_QUOTA = 4096;

    private final JdbcTemplate jdbc;
    private final TransactionTemplate transactions;
    private final Store store;
    private final Clock clock;

    public TenantQuotas(Store store, Clock clock) {
        this.store = store;
        this.jdbc = store.jdbc();
        this.transactions = store.transactions();
        this.clock = clock;
    }

    /** Sets (or replaces) the tenant's cap on concurrent devices, 1 to {@value #MAX_QUOTA}. */
    public TenantQuota set(String tenant, int maxGpus) {
        PoolNames.tenant(tenant);
        PoolNames.positive("--max-gpus", maxGpus, MAX_QUOTA);
        transactions.executeWithoutResult(status -> {
            PoolLocks.lockPool(jdbc, store.platform());
            if (jdbc.update("UPDATE pool_tenant_quota SET max_gpus = ?, updated_at = ? WHERE tenant = ?",
                    maxGpus, clock.millis(), tenant) == 0) {
                jdbc.update("INSERT INTO pool_tenant_quota (tenant, max_gpus, updated_at) VALUES (?, ?, ?)",
                        tenant, maxGpus, clock.millis());
            }
        });
        return get(tenant).orElseThrow();
    }

    /** Removes the tenant's quota; false if it had none. */
    public boolean clear(String tenant) {
        PoolNames.tenant(tenant);
        Integer removed = transactions.execute(status -> {
            PoolLocks.lockPool(jdbc, store.platform());
            return jdbc.update("DELETE FROM pool_tenant_quota WHERE tenant = ?", tenant);
        });
        return removed != null && removed > 0;
    }

    public Optional<TenantQuota> get(String tenant) {
        return Optional.ofNullable(load(jdbc).get(PoolNames.tenant(tenant)));
    }

    /** Every quota, by tenant name. */
    public List<TenantQuota> list() {
        return List.copyOf(load(jdbc).values());
    }

    /** Every quota with the devices its tenant holds now, by tenant name. */
    static Map<String, TenantQuota> load(JdbcTemplate jdbc) {
        Map<String, TenantQuota> quotas = new LinkedHashMap<>();
        jdbc.query("SELECT q.tenant, q.max_gpus, (SELECT COALESCE(SUM(l.device_count), 0) FROM pool_lease l "
                + "WHERE l.tenant = q.tenant AND l.released_at IS NULL) FROM pool_tenant_quota q ORDER BY q.tenant",
                rs -> {
                    quotas.put(rs.getString(1), new TenantQuota(rs.getString(1), rs.getInt(2), rs.getInt(3)));
                });
        return quotas;
    }
}
