package io.rigshift.runner.pool;

import io.rigshift.runner.store.StorePlatform;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The locks that keep pool writes consistent. On PostgreSQL every write that grants, reclaims,
 * enqueues or changes the inventory first locks the one row of {@code pool_lock}; on SQLite the
 * IMMEDIATE transaction already holds the database's write lock, so these are no-ops there.
 */
final class PoolLocks {

    private PoolLocks() {
    }

    /** Takes the pool lock until the surrounding transaction ends. */
    static void lockPool(JdbcTemplate jdbc, StorePlatform platform) {
        if (platform == StorePlatform.POSTGRESQL) {
            jdbc.queryForObject("SELECT id FROM pool_lock WHERE id = 1 FOR UPDATE", Integer.class);
        }
    }

    /**
     * Takes the pool lock and counts the live leases expired at {@code nowMillis}, in one round
     * trip. The count may miss a lease that expired while this waited for the lock (the next grant
     * reclaims it); it never counts one that is not expired.
     */
    static int lockPoolCountingExpired(JdbcTemplate jdbc, StorePlatform platform, long nowMillis) {
        Integer expired = jdbc.queryForObject("SELECT (SELECT COUNT(*) FROM pool_lease WHERE released_at IS NULL "
                + "AND expires_at < ?) FROM pool_lock WHERE id = 1"
                + (platform == StorePlatform.POSTGRESQL ? " FOR UPDATE" : ""), Integer.class, nowMillis);
        return expired == null ? 0 : expired;
    }
}
