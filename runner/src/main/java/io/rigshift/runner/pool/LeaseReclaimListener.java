package io.rigshift.runner.pool;

/**
 * Told about each lease the pool reclaims from a dead holder, so that metering can close its usage
 * record at the last heartbeat.
 *
 * <p>Called exactly once per lease, inside the database transaction that marks it reclaimed: work
 * done through the same store's {@code JdbcTemplate} (Spring binds the connection to the thread)
 * commits or rolls back with the reclaim. A listener must not open its own connection to a SQLite
 * store (the reclaiming transaction holds the write lock). If that transaction rolls back (the
 * listener threw, or the database failed), the lease stays live and a later check reclaims it and
 * calls the listener again: work kept inside the transaction is therefore done exactly once.
 */
@FunctionalInterface
public interface LeaseReclaimListener {

    void leaseReclaimed(ReclaimedLease lease);
}
