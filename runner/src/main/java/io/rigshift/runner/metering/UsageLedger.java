package io.rigshift.runner.metering;

import io.rigshift.runner.node.ProcessIdentity;
import io.rigshift.runner.store.Store;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import javax.sql.DataSource;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The usage ledger: one record per lease (or CPU run) from open to close, in integer epoch
 * milliseconds. Every write is one SQL statement, so it is atomic on SQLite and PostgreSQL and safe
 * to call from several processes at once.
 *
 * <p>The life of a record, as the train command drives it:
 * <pre>{@code
 * long record = ledger.open(UsageStart.lease(tenant, jobExecutionId, leaseId, node, "A40", 2, grantedAtMs));
 * ledger.heartbeat(record);                          // at every checkpoint and every heartbeat interval
 * ledger.close(record, UsageOutcome.COMPLETED);      // exactly once, at any end
 * }</pre>
 *
 * <p>Closing rules, which together keep the promise "at most one heartbeat interval lost, no
 * millisecond counted twice":
 * <ul>
 * <li>{@link #close} ends the record now (never before its last heartbeat); a second close of the
 *     same record changes nothing and returns false.</li>
 * <li>{@link #closeAtLastHeartbeat}, {@link #closeReclaimedLease} and {@link #closeStale} are for
 *     holders that are gone: the record ends at its last heartbeat, the last moment the holder was
 *     known to hold the devices.</li>
 * <li>A heartbeat on a closed record changes nothing and returns false: the holder learns that its
 *     record was closed for it (reclaimed, or reaped as stale).</li>
 * </ul>
 *
 * <p>Dead owners: each record stores the host and pid of the process that opened it (the process
 * that heartbeats it). {@link #closeStale} closes records whose heartbeat is older than a threshold
 * (any host) and, at once, records whose owner ran on this host and whose process is gone. The pool's
 * own lease expiry reaches the same records through {@link #closeReclaimedLease}; whichever comes
 * first closes the record, the other finds it closed.
 */
public final class UsageLedger {

    /** How old a heartbeat must be before {@link #closeStale()} treats its holder as dead. */
    public static final Duration DEFAULT_STALE_AFTER = io.rigshift.runner.training.HeartbeatPolicy.DEFAULT.staleAfter();

    private static final String COLUMNS = "id, tenant, job_execution_id, lease_id, node, device_model, "
            + "device_count, start_ms, end_ms, last_heartbeat_ms, outcome, owner_host, owner_pid, owner_started_ms";

    private final JdbcTemplate jdbc;
    private final Clock clock;
    private final ProcessIdentity owner;

    /** A ledger in the store, written by this process, with time from {@code clock}. */
    public UsageLedger(Store store, Clock clock) {
        this(store.dataSource(), clock, ProcessIdentity.current());
    }

    /** A ledger whose records name {@code owner} as their holder (tests use a made-up owner). */
    public UsageLedger(DataSource dataSource, Clock clock, ProcessIdentity owner) {
        this.jdbc = new JdbcTemplate(Objects.requireNonNull(dataSource, "dataSource"));
        this.clock = Objects.requireNonNull(clock, "clock");
        this.owner = Objects.requireNonNull(owner, "owner");
    }

    /** Opens a record and returns its id; its last heartbeat is its start. */
    public long open(UsageStart start) {
        Long id = jdbc.queryForObject("INSERT INTO usage_record (tenant, job_execution_id, lease_id, node, "
                + "device_model, device_count, start_ms, end_ms, last_heartbeat_ms, outcome, owner_host, owner_pid, "
                + "owner_started_ms) VALUES (?, ?, ?, ?, ?, ?, ?, NULL, ?, 'open', ?, ?, ?) RETURNING id", Long.class,
                start.tenant(), start.jobExecutionId(), start.leaseId(), start.node(), start.deviceModel(),
                start.deviceCount(), start.startMs(), start.startMs(), owner.hostId(), owner.pid(), owner.startedAtMs());
        return Objects.requireNonNull(id, "no id generated for the usage record");
    }

    /**
     * Extends an open record's last heartbeat to now (one UPDATE by primary key; never moves it
     * backwards). Returns false when the record is closed or unknown: stop using the devices.
     */
    public boolean heartbeat(long recordId) {
        long now = clock.millis();
        return jdbc.update("UPDATE usage_record SET last_heartbeat_ms = "
                + "CASE WHEN last_heartbeat_ms < ? THEN ? ELSE last_heartbeat_ms END "
                + "WHERE id = ? AND end_ms IS NULL", now, now, recordId) == 1;
    }

    /**
     * Closes an open record at now (or at its last heartbeat, should the clock have gone back).
     * Returns false, changing nothing, when the record was already closed.
     */
    public boolean close(long recordId, UsageOutcome outcome) {
        long now = clock.millis();
        String end = "CASE WHEN last_heartbeat_ms < ? THEN ? ELSE last_heartbeat_ms END";
        return jdbc.update("UPDATE usage_record SET end_ms = " + end + ", last_heartbeat_ms = " + end
                + ", outcome = ? WHERE id = ? AND end_ms IS NULL",
                now, now, now, now, outcome.storedName(), recordId) == 1;
    }

    /**
     * Closes an open record at its last heartbeat, for a holder that crashed: at most one heartbeat
     * interval is lost and nothing after the holder's last sign of life is billed. Returns false when
     * the record was already closed.
     */
    public boolean closeAtLastHeartbeat(long recordId, UsageOutcome outcome) {
        return jdbc.update("UPDATE usage_record SET end_ms = last_heartbeat_ms, outcome = ? "
                + "WHERE id = ? AND end_ms IS NULL", outcome.storedName(), recordId) == 1;
    }

    /**
     * The pool's reclaim hook: closes the open record of a reclaimed lease at its last heartbeat with
     * outcome {@code reclaimed}. Returns false when the lease has no open record (never metered, or
     * already closed): calling it twice closes once.
     */
    public boolean closeReclaimedLease(String leaseId) {
        return jdbc.update("UPDATE usage_record SET end_ms = last_heartbeat_ms, outcome = 'reclaimed' "
                + "WHERE lease_id = ? AND end_ms IS NULL", leaseId) > 0;
    }

    /** {@link #closeStale(Duration)} with the heartbeat policy's stale-after. */
    public int closeStale() {
        return closeStale(DEFAULT_STALE_AFTER);
    }

    /**
     * Closes, at their last heartbeat and with outcome {@code failed}, the open records whose holder
     * is dead: those whose last heartbeat is older than {@code staleAfter}, and those opened on this
     * host by a process that no longer exists. Returns how many records it closed.
     */
    public int closeStale(Duration staleAfter) {
        long cutoff = clock.millis() - staleAfter.toMillis();
        int closed = 0;
        // A quiet record is stale unless its owner is known to live here (a store outage, a long
        // pause): a live process's record is never closed under it.
        for (UsageRecord quiet : jdbc.query("SELECT " + COLUMNS + " FROM usage_record WHERE end_ms IS NULL "
                + "AND last_heartbeat_ms < ?", UsageLedger::record, cutoff)) {
            if (quiet.owner().liveness() != ProcessIdentity.Liveness.ALIVE
                    && closeAtLastHeartbeat(quiet.id(), UsageOutcome.FAILED)) {
                closed++;
            }
        }
        List<UsageRecord> local = jdbc.query("SELECT " + COLUMNS + " FROM usage_record "
                + "WHERE end_ms IS NULL AND owner_host = ?", UsageLedger::record, ProcessIdentity.current().hostId());
        for (UsageRecord record : local) {
            if (record.owner().isKnownDead() && closeAtLastHeartbeat(record.id(), UsageOutcome.FAILED)) {
                closed++;
            }
        }
        return closed;
    }

    /** The record with this id, if any. */
    public Optional<UsageRecord> find(long recordId) {
        return jdbc.query("SELECT " + COLUMNS + " FROM usage_record WHERE id = ?", UsageLedger::record, recordId)
                .stream().findFirst();
    }

    /** The open records, oldest first. */
    public List<UsageRecord> openRecords() {
        return jdbc.query("SELECT " + COLUMNS + " FROM usage_record WHERE end_ms IS NULL ORDER BY start_ms, id",
                UsageLedger::record);
    }

    private static UsageRecord record(ResultSet rs, int row) throws SQLException {
        long job = rs.getLong("job_execution_id");
        Long jobExecutionId = rs.wasNull() ? null : job;
        long end = rs.getLong("end_ms");
        OptionalLong endMs = rs.wasNull() ? OptionalLong.empty() : OptionalLong.of(end);
        String outcome = rs.getString("outcome");
        return new UsageRecord(rs.getLong("id"), rs.getString("tenant"), jobExecutionId, rs.getString("lease_id"),
                rs.getString("node"), rs.getString("device_model"), rs.getInt("device_count"),
                rs.getLong("start_ms"), endMs, rs.getLong("last_heartbeat_ms"),
                "open".equals(outcome) ? Optional.empty() : Optional.of(UsageOutcome.ofStored(outcome)),
                new ProcessIdentity(rs.getString("owner_host"), rs.getLong("owner_pid"), rs.getLong("owner_started_ms")));
    }
}
