package io.rigshift.runner.pool;

import io.rigshift.runner.node.ProcessIdentity;

import io.rigshift.runner.store.Store;
import io.rigshift.runner.store.StorePlatform;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Grants devices of the pool to tenants' jobs: atomic leases of N devices on one node, a fair wait
 * queue, tenant quotas, heartbeats, release exactly once, and reclaiming the leases of dead holders.
 *
 * <p>Every grant attempt runs in a write transaction that first takes the pool lock (a row lock on
 * PostgreSQL, the database write lock on SQLite), reclaims expired leases, reads the pool, the
 * quotas and the queue, and then claims the devices with an update guarded by their state; so two
 * processes can never lease the same device. Concurrent attempts of one process share a
 * transaction ({@link TransactionBatcher}). A release needs no pool lock: it ends the lease row
 * (guarded, so only once) and frees the devices that row held.
 *
 * <p>Thread-safe; one instance per process is enough.
 */
public final class LeaseService {

    private final JdbcTemplate jdbc;
    private final TransactionTemplate transactions;
    private final TransactionBatcher grants;
    private final StorePlatform platform;
    private final Clock clock;
    private final ProcessIdentity holder;
    private final LeaseTimings timings;
    private final Sleeper sleeper;
    private final List<LeaseReclaimListener> reclaimListeners = new CopyOnWriteArrayList<>();
    private final String storeNowSql;
    /** Set for the pool's controller: grants go only to nodes with a live agent, which then holds the lease. */
    private volatile Duration agentGrace;

    /** A service with the default timings that really sleeps between polls. */
    public LeaseService(Store store, Clock clock, ProcessIdentity holder) {
        this(store, clock, holder, LeaseTimings.defaults(), Sleeper.SYSTEM);
    }

    public LeaseService(Store store, Clock clock, ProcessIdentity holder, LeaseTimings timings, Sleeper sleeper) {
        this.jdbc = store.jdbc();
        this.transactions = store.transactions();
        this.grants = new TransactionBatcher(transactions);
        this.platform = store.platform();
        this.clock = Objects.requireNonNull(clock, "clock");
        this.holder = Objects.requireNonNull(holder, "holder");
        this.timings = Objects.requireNonNull(timings, "timings");
        this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
        this.storeNowSql = store.nowMillisSql();
    }

    /**
     * Grants only on nodes whose agent heartbeated within {@code grace} (on the store's clock) and
     * is not lost, and makes that agent the lease's holder: the controller places work this way,
     * and a lease then lives and dies with the agent that runs it. Returns this service.
     */
    public LeaseService onlyNodesWithAgents(Duration grace) {
        this.agentGrace = Objects.requireNonNull(grace, "grace");
        return this;
    }

    /** Adds a listener told about every lease this service reclaims; returns this service. */
    public LeaseService addReclaimListener(LeaseReclaimListener listener) {
        reclaimListeners.add(Objects.requireNonNull(listener, "listener"));
        return this;
    }

    public LeaseTimings timings() {
        return timings;
    }

    /**
     * Leases the devices a request asks for, waiting in the queue if the policy says so.
     *
     * @throws UnsatisfiableRequestException the pool can never grant it (CLI exit 2)
     * @throws NoCapacityException no devices now and {@link WaitPolicy#noWait()}, or the wait timed out (exit 3)
     * @throws InterruptedException the waiting thread was interrupted; the request left the queue
     */
    public Lease acquire(LeaseRequest request, WaitPolicy wait) throws InterruptedException {
        if (!wait.waits()) {
            Attempt attempt = attempt(request, null);
            if (attempt.lease() != null) {
                return attempt.lease();
            }
            throw new NoCapacityException(attempt.position().reason());
        }
        long start = clock.millis();
        WaitTicket ticket = new WaitTicket(UUID.randomUUID().toString(), request, start);
        boolean granted = false;
        try {
            while (true) {
                Attempt attempt = attempt(request, ticket);
                if (attempt.lease() != null) {
                    granted = true;
                    return attempt.lease();
                }
                wait.onWaiting().accept(attempt.position());
                Optional<Duration> timeout = wait.timeout();
                if (timeout.isPresent() && clock.millis() - start >= timeout.get().toMillis()) {
                    throw new NoCapacityException("no capacity after waiting " + timeout.get().toSeconds() + " s: "
                            + attempt.position().reason().replaceFirst("^no capacity: ", ""));
                }
                sleeper.sleep(timings.pollInterval());
            }
        } finally {
            if (!granted) {
                cancelQuietly(ticket);
            }
        }
    }

    /**
     * Puts a request in the wait queue without trying to grant it; poll it with
     * {@link #tryAcquire(WaitTicket)} at least once per waiter TTL or it drops out.
     *
     * @throws UnsatisfiableRequestException the pool can never grant it
     */
    public WaitTicket enqueue(LeaseRequest request) {
        return transactions.execute(status -> {
            PoolLocks.lockPool(jdbc, platform);
            long now = clock.millis();
            PoolSnapshot pool = PoolSnapshot.load(jdbc);
            neverGrantable(pool, TenantQuotas.load(jdbc).get(request.tenant()), request).ifPresent(why -> {
                throw new UnsatisfiableRequestException(why);
            });
            WaitTicket ticket = new WaitTicket(UUID.randomUUID().toString(), request, now);
            WaitQueue.insert(jdbc, waiter(ticket, pool.canonicalModel(request.gpuModel()), now));
            return ticket;
        });
    }

    /**
     * One poll of a queued request: the lease if it is granted now, else empty (and the request
     * keeps its place).
     *
     * @throws UnsatisfiableRequestException the pool can no longer grant it; it left the queue
     */
    public Optional<Lease> tryAcquire(WaitTicket ticket) {
        return Optional.ofNullable(attempt(ticket.request(), ticket).lease());
    }

    /** Takes a request out of the wait queue; false if it was not there. */
    public boolean cancel(WaitTicket ticket) {
        return WaitQueue.delete(jdbc, ticket.requestId());
    }

    /**
     * Extends a live lease's expiry to now plus the lease TTL. False if the lease is no longer live
     * (released, or reclaimed after its holder missed heartbeats): the holder must stop using it.
     */
    public boolean heartbeat(String leaseId) {
        long now = clock.millis();
        return jdbc.update("UPDATE pool_lease SET heartbeat_at = ?, expires_at = ? WHERE id = ? AND released_at IS NULL",
                now, now + timings.leaseTtl().toMillis(), leaseId) == 1;
    }

    /**
     * Gives a lease's devices back to the pool. Only the first release of a lease counts: a second
     * one (or one after a reclaim) does nothing and returns false.
     */
    public boolean release(String leaseId, LeaseOutcome outcome) {
        if (outcome == LeaseOutcome.RECLAIMED) {
            throw new IllegalArgumentException("RECLAIMED is the pool's own outcome; release with how the job ended");
        }
        Boolean released = transactions.execute(status -> {
            if (jdbc.update("UPDATE pool_lease SET released_at = ?, outcome = ? WHERE id = ? AND released_at IS NULL",
                    clock.millis(), outcome.column(), leaseId) == 0) {
                return false;
            }
            freeDevices(leaseId);
            return true;
        });
        return Boolean.TRUE.equals(released);
    }

    /** Reclaims every lease whose holder has not heartbeaten within the lease TTL; acquire does this too. */
    public List<ReclaimedLease> reclaimExpired() {
        return transactions.execute(status -> {
            PoolLocks.lockPool(jdbc, platform);
            return reclaimLocked(clock.millis());
        });
    }

    private boolean hasLocalHolders() {
        Integer count = jdbc.queryForObject("SELECT COUNT(*) FROM pool_lease WHERE released_at IS NULL AND holder_host = ?",
                Integer.class, ProcessIdentity.current().hostId());
        return count != null && count > 0;
    }

    /**
     * Reclaims every live lease on a node that was declared lost (its agent silent past the node
     * grace): the devices go back to the pool and each usage record ends at its last heartbeat.
     */
    public List<ReclaimedLease> reclaimNode(String node) {
        return transactions.execute(status -> {
            PoolLocks.lockPool(jdbc, platform);
            long now = clock.millis();
            List<ReclaimedLease> lost = jdbc.query("SELECT id, tenant, node, gpu_model, device_count, granted_at, "
                    + "heartbeat_at FROM pool_lease WHERE released_at IS NULL AND node = ?", (rs, row) ->
                    new ReclaimedLease(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getInt(5),
                            rs.getLong(6), rs.getLong(7), now), node);
            return reclaimAll(lost, now);
        });
    }

    /** A lease that is still live (granted and neither released nor reclaimed). */
    public Optional<Lease> liveLease(String leaseId) {
        return jdbc.query("SELECT id, tenant, node, gpu_model, device_indexes, simulated, granted_at FROM pool_lease "
                + "WHERE id = ? AND released_at IS NULL", (rs, row) -> new Lease(rs.getString(1), rs.getString(2),
                        rs.getString(3), rs.getString(4), parseIndexes(rs.getString(5)), rs.getBoolean(6),
                        Instant.ofEpochMilli(rs.getLong(7))), leaseId).stream().findFirst();
    }

    /** Whether the pool has any device in service, real or simulated (none: jobs fall back to CPU). */
    public boolean hasDevices() {
        return PoolInventory.hasDevices(jdbc, false);
    }

    /** Whether the pool has a device in service on a node that is not simulated. */
    public boolean hasRealDevices() {
        return PoolInventory.hasDevices(jdbc, true);
    }

    private Attempt attempt(LeaseRequest request, WaitTicket ticket) {
        Attempt attempt = grants.run(() -> attemptLocked(request, ticket));
        if (attempt.never() != null) {
            throw new UnsatisfiableRequestException(attempt.never());
        }
        return attempt;
    }

    /** One grant attempt inside the pool lock; {@code ticket} null means a request that does not queue. */
    private Attempt attemptLocked(LeaseRequest request, WaitTicket ticket) {
        long now = clock.millis();
        // Expired leases, and at once those whose holder died on this host: a SIGKILLed job's
        // devices must not stay leased for a whole TTL.
        if (PoolLocks.lockPoolCountingExpired(jdbc, platform, now) > 0 || hasLocalHolders()) {
            reclaimLocked(now);
        }
        PoolSnapshot pool = PoolSnapshot.load(jdbc);
        var quotas = TenantQuotas.load(jdbc);
        TenantQuota quota = quotas.get(request.tenant());
        Optional<String> never = neverGrantable(pool, quota, request);
        if (never.isPresent()) {
            if (ticket != null) {
                WaitQueue.delete(jdbc, ticket.requestId());
            }
            return new Attempt(null, null, never.get());
        }
        Optional<String> model = pool.canonicalModel(request.gpuModel());

        Waiter mine = null;
        List<Waiter> others = new ArrayList<>();
        boolean anyDead = false;
        long alive = now - timings.waiterTtl().toMillis();
        for (Waiter w : WaitQueue.load(jdbc)) {
            if (ticket != null && w.requestId().equals(ticket.requestId())) {
                mine = w;
            } else if (w.heartbeatAt() < alive) {
                anyDead = true;
            } else {
                others.add(w);
            }
        }
        if (anyDead) {
            jdbc.update("DELETE FROM pool_wait WHERE heartbeat_at < ? AND request_id <> ?", alive,
                    ticket == null ? "" : ticket.requestId());
        }
        Waiter me = mine != null ? mine
                : ticket != null ? waiter(ticket, model, now)
                : new Waiter("", request.tenant(), request.gpus(), model, request.jobLabel(), holder, now,
                        Long.MAX_VALUE, now);

        List<Waiter> ordered;
        if (others.isEmpty()) {
            ordered = List.of(me);
        } else {
            List<Waiter> all = new ArrayList<>(others);
            all.add(me);
            ordered = WaitQueue.order(all, RecentGpuTime.of(jdbc, WaitQueue.tenants(all), now));
        }
        int position = ordered.indexOf(me) + 1;
        long blockers = ordered.subList(0, position - 1).stream()
                .filter(w -> w.competesWith(me)
                        && !(quotas.containsKey(w.tenant()) && quotas.get(w.tenant()).wouldExceed(w.gpus()))
                        && pool.unsatisfiable(w.gpus(), w.gpuModel()).isEmpty())
                .count();
        boolean overQuota = quota != null && quota.wouldExceed(request.gpus());
        Map<String, ProcessIdentity> agents = agentGrace == null ? null : liveAgents();
        Optional<PoolSnapshot.Placement> placement = pool.place(request.gpus(), model,
                agents == null ? node -> true : agents::containsKey);

        if (blockers == 0 && !overQuota && placement.isPresent()) {
            Lease lease = grant(request, placement.get(), now,
                    agents == null ? holder : agents.get(placement.get().node()));
            if (mine != null) {
                WaitQueue.delete(jdbc, mine.requestId());
            }
            return new Attempt(lease, null, null);
        }

        String reason;
        if (overQuota) {
            reason = "no capacity: tenant " + request.tenant() + " holds " + quota.inUse() + " of its "
                    + quota.maxGpus() + " GPU quota, " + request.gpus() + " requested";
        } else {
            reason = "no capacity: " + pool.capacityLine(request.gpus(), model);
            if (blockers > 0) {
                reason += ", " + blockers + (blockers == 1 ? " request" : " requests") + " ahead in the queue";
            }
        }
        if (ticket != null) {
            if (mine != null) {
                // Refresh the heartbeat a few times per TTL, not at every poll: most polls then write nothing.
                if (now - mine.heartbeatAt() >= timings.waiterTtl().toMillis() / 4) {
                    jdbc.update("UPDATE pool_wait SET heartbeat_at = ? WHERE request_id = ?", now, mine.requestId());
                }
            } else {
                WaitQueue.insert(jdbc, me);
            }
        }
        return new Attempt(null, new QueuePosition(me.requestId(), position, ordered.size(), reason), null);
    }

    private Optional<String> neverGrantable(PoolSnapshot pool, TenantQuota quota, LeaseRequest request) {
        Optional<String> why = pool.unsatisfiable(request.gpus(), request.gpuModel());
        if (why.isEmpty() && quota != null && request.gpus() > quota.maxGpus()) {
            why = Optional.of(request.gpus() + " GPUs requested but tenant " + request.tenant() + "'s quota is "
                    + quota.maxGpus() + " (change it with 'rigshift tenant quota " + request.tenant() + " --max-gpus N')");
        }
        return why;
    }

    private Waiter waiter(WaitTicket ticket, Optional<String> model, long now) {
        LeaseRequest request = ticket.request();
        return new Waiter(ticket.requestId(), request.tenant(), request.gpus(), model, request.jobLabel(), holder,
                ticket.enqueuedAtMillis(), Long.MAX_VALUE, now);
    }

    /** The agents that serve their node now: heartbeat within the grace on the store's clock, not lost. */
    private Map<String, ProcessIdentity> liveAgents() {
        Map<String, ProcessIdentity> agents = new HashMap<>();
        jdbc.query("SELECT node, host_id, pid, started_ms FROM pool_agent WHERE lost_ms IS NULL AND heartbeat_ms >= "
                + storeNowSql + " - ?", rs -> {
                    agents.put(rs.getString(1), new ProcessIdentity(rs.getString(2), rs.getLong(3), rs.getLong(4)));
                }, agentGrace.toMillis());
        return agents;
    }

    private Lease grant(LeaseRequest request, PoolSnapshot.Placement placement, long now, ProcessIdentity holder) {
        String id = UUID.randomUUID().toString();
        List<Integer> devices = placement.devices();
        jdbc.update("INSERT INTO pool_lease (id, tenant, node, gpu_model, device_count, device_indexes, simulated, "
                + "job_label, holder_host, holder_pid, holder_started_ms, granted_at, heartbeat_at, expires_at) "
                + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                id, request.tenant(), placement.node(), placement.model(), devices.size(), formatIndexes(devices),
                placement.simulated(), request.jobLabel(), holder.hostId(), holder.pid(), holder.startedAtMs(), now, now,
                now + timings.leaseTtl().toMillis());
        List<Object> args = new ArrayList<>(List.of(id, placement.node()));
        args.addAll(devices);
        int claimed = jdbc.update("UPDATE pool_device SET state = 'leased', lease_id = ? WHERE node = ? "
                + "AND state = 'available' AND device_index IN (" + placeholders(devices.size()) + ")", args.toArray());
        if (claimed != devices.size()) {
            // Cannot happen under the pool lock; fail the transaction rather than grant a device twice.
            throw new IllegalStateException("pool changed during a grant: claimed " + claimed + " of "
                    + devices + " on " + placement.node());
        }
        return new Lease(id, request.tenant(), placement.node(), placement.model(), devices, placement.simulated(),
                Instant.ofEpochMilli(now));
    }

    /**
     * Reclaims leases past their expiry, and at once those whose holder ran on this host and whose
     * process is gone (a killed job's lease need not block its own resume for a whole TTL).
     */
    private List<ReclaimedLease> reclaimLocked(long now) {
        String localHost = ProcessIdentity.current().hostId();
        List<ReclaimedLease> expired = new ArrayList<>();
        jdbc.query("SELECT id, tenant, node, gpu_model, device_count, granted_at, heartbeat_at, expires_at, "
                + "holder_host, holder_pid, holder_started_ms FROM pool_lease WHERE released_at IS NULL "
                + "AND (expires_at < ? OR holder_host = ?)",
                rs -> {
                    boolean holderGone = new ProcessIdentity(rs.getString(9), rs.getLong(10), rs.getLong(11)).isKnownDead();
                    if (rs.getLong(8) < now || holderGone) {
                        expired.add(new ReclaimedLease(rs.getString(1), rs.getString(2), rs.getString(3),
                                rs.getString(4), rs.getInt(5), rs.getLong(6), rs.getLong(7), now));
                    }
                }, now, localHost);
        return reclaimAll(expired, now);
    }

    /**
     * Ends each lease as reclaimed (once: one already released is skipped), frees its devices and
     * tells the listeners; the caller holds the pool lock. Returns the leases it reclaimed.
     */
    private List<ReclaimedLease> reclaimAll(List<ReclaimedLease> leases, long now) {
        List<ReclaimedLease> reclaimed = new ArrayList<>();
        for (ReclaimedLease lease : leases) {
            if (jdbc.update("UPDATE pool_lease SET released_at = ?, outcome = ? WHERE id = ? AND released_at IS NULL",
                    now, LeaseOutcome.RECLAIMED.column(), lease.leaseId()) == 1) {
                freeDevices(lease.leaseId());
                for (LeaseReclaimListener listener : reclaimListeners) {
                    listener.leaseReclaimed(lease);
                }
                reclaimed.add(lease);
            }
        }
        return reclaimed;
    }

    /**
     * Returns a lease's devices to the pool, as draining if their node is. Without the pool lock a
     * concurrent drain may miss them and leave them 'available' on a draining node; grants skip
     * draining nodes' devices whatever their state, and the inventory shows them as draining.
     */
    private void freeDevices(String leaseId) {
        jdbc.update("UPDATE pool_device SET state = CASE WHEN EXISTS (SELECT 1 FROM pool_node n "
                + "WHERE n.name = pool_device.node AND n.draining = ?) THEN 'draining' ELSE 'available' END, "
                + "lease_id = NULL WHERE lease_id = ?", true, leaseId);
    }

    private void cancelQuietly(WaitTicket ticket) {
        try {
            cancel(ticket);
        } catch (RuntimeException e) {
            // The row drops out by itself once its heartbeat is older than the waiter TTL.
        }
    }

    static String formatIndexes(List<Integer> devices) {
        return devices.stream().map(String::valueOf).collect(Collectors.joining(","));
    }

    static List<Integer> parseIndexes(String indexes) {
        return Arrays.stream(indexes.split(",")).map(String::strip).map(Integer::valueOf).toList();
    }

    private static String placeholders(int count) {
        return String.join(", ", java.util.Collections.nCopies(count, "?"));
    }

    /** What one attempt came to: a lease, a place in the queue, or why it can never be granted. */
    private record Attempt(Lease lease, QueuePosition position, String never) {
    }
}
