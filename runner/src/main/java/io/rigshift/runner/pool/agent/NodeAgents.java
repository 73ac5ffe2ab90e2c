package io.rigshift.runner.pool.agent;

import io.rigshift.runner.metering.UsageLedger;
import io.rigshift.runner.node.HostNames;
import io.rigshift.runner.node.ProcessIdentity;
import io.rigshift.runner.pool.LeaseService;
import io.rigshift.runner.pool.PoolRequestException;
import io.rigshift.runner.pool.ReclaimedLease;
import io.rigshift.runner.store.Store;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The node agents in the store: which process serves each node, its heartbeat (on the store's
 * clock), and the sweep that declares a node lost once its agent has been silent past the node
 * grace: the node's leases are reclaimed and their usage records end at their last heartbeat.
 * A node silent for less than the grace loses nothing.
 */
public final class NodeAgents {

    /** One agent row, with the store's clock at the time it was read. */
    public record Agent(String node, String hostId, String hostName, long pid, long startedMs, long registeredMs,
            long heartbeatMs, Long lostMs, long nowMs) {

        /** Milliseconds since its last heartbeat. */
        public long silentMs() {
            return Math.max(0, nowMs - heartbeatMs);
        }
    }

    private final Store store;

    public NodeAgents(Store store) {
        this.store = store;
    }

    /**
     * Registers this process as the agent of {@code node}; refuses when another agent of it still
     * heartbeats (within {@code grace}) and is not known dead.
     */
    public void register(String node, Duration grace) {
        ProcessIdentity me = ProcessIdentity.current();
        store.transactions().executeWithoutResult(status -> {
            Optional<Agent> existing = find(node);
            if (existing.isPresent()) {
                Agent other = existing.get();
                ProcessIdentity holder = new ProcessIdentity(other.hostId(), other.pid(), other.startedMs());
                boolean itIsMe = holder.equals(me);
                if (!itIsMe && other.lostMs() == null && other.silentMs() < grace.toMillis() && !holder.isKnownDead()) {
                    throw new PoolRequestException("node '" + node + "' already has a live agent (pid " + other.pid()
                            + " on " + other.hostName() + ", heartbeat " + other.silentMs() / 1000 + " s ago)");
                }
                store.jdbc().update("DELETE FROM pool_agent WHERE node = ?", node);
            }
            String now = store.nowMillisSql();
            store.jdbc().update("INSERT INTO pool_agent (node, host_id, host_name, pid, started_ms, registered_ms, "
                    + "heartbeat_ms, lost_ms) VALUES (?, ?, ?, ?, ?, " + now + ", " + now + ", NULL)", node, me.hostId(),
                    HostNames.local(), me.pid(), me.startedAtMs());
        });
    }

    /** Extends this agent's heartbeat; false when the row is gone or was declared lost (stop serving). */
    public boolean heartbeat(String node) {
        ProcessIdentity me = ProcessIdentity.current();
        return store.jdbc().update("UPDATE pool_agent SET heartbeat_ms = " + store.nowMillisSql()
                + " WHERE node = ? AND host_id = ? AND pid = ? AND lost_ms IS NULL", node, me.hostId(), me.pid()) == 1;
    }

    /** Removes this agent's row on a clean stop: its node is then without an agent, not lost. */
    public void unregister(String node) {
        ProcessIdentity me = ProcessIdentity.current();
        store.jdbc().update("DELETE FROM pool_agent WHERE node = ? AND host_id = ? AND pid = ?", node, me.hostId(),
                me.pid());
    }

    /** Declares lost every node whose agent has been silent past {@code grace}, and reclaims its leases. */
    public List<ReclaimedLease> sweep(Duration grace) {
        List<ReclaimedLease> reclaimed = new ArrayList<>();
        for (Agent agent : list()) {
            if (agent.lostMs() == null && agent.silentMs() > grace.toMillis()) {
                if (store.jdbc().update("UPDATE pool_agent SET lost_ms = " + store.nowMillisSql()
                        + " WHERE node = ? AND lost_ms IS NULL AND heartbeat_ms = ?", agent.node(), agent.heartbeatMs()) == 1) {
                    Clock clock = io.rigshift.runner.store.StoreClock.of(store); // not this host's: it may be off
                    UsageLedger ledger = new UsageLedger(store, clock);
                    reclaimed.addAll(new LeaseService(store, clock, ProcessIdentity.current())
                            .addReclaimListener(r -> ledger.closeReclaimedLease(r.leaseId())).reclaimNode(agent.node()));
                }
            }
        }
        return reclaimed;
    }

    public Optional<Agent> find(String node) {
        return query("WHERE node = ?", node).stream().findFirst();
    }

    public List<Agent> list() {
        return query("ORDER BY node");
    }

    private List<Agent> query(String where, Object... args) {
        return store.jdbc().query("SELECT node, host_id, host_name, pid, started_ms, registered_ms, heartbeat_ms, lost_ms, "
                + store.nowMillisSql() + " FROM pool_agent " + where, (rs, row) -> {
                    long lost = rs.getLong(8);
                    Long lostMs = rs.wasNull() ? null : lost;
                    return new Agent(rs.getString(1), rs.getString(2), rs.getString(3), rs.getLong(4), rs.getLong(5),
                            rs.getLong(6), rs.getLong(7), lostMs, rs.getLong(9));
                }, args);
    }
}
