package io.rigshift.runner.cluster;

import io.rigshift.runner.node.ProcessIdentity;
import io.rigshift.runner.store.Store;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;

/**
 * The pool's jobs and their placements in the store, the one source of truth of the pool: a
 * message only wakes an agent up. A placement is claimed once (a redelivered or duplicated request
 * finds it claimed), and only the newest placement of a job counts (fencing by epoch).
 */
public final class Placements {

    /** States of a pool job. */
    public static final String QUEUED = "queued";
    public static final String PLACED = "placed";
    public static final String ENDED = "ended";

    /** States of a placement. */
    public static final String RUNNING = "running";
    public static final String LOST = "lost";

    /** A pool job as the controller sees it. */
    public record PoolJob(long instanceId, String tenant, String jobName, int gpus, String gpuModel, int maxRestarts,
            String state, long executionId, int recoveries, long submittedMs, boolean moveRequested) {
    }

    /** One placement of a pool job on a node. */
    public record Placement(long instanceId, int epoch, String node, String leaseId, Long usageRecordId,
            Long jobExecutionId, Long stepExecutionId, String state, String agentHostId, Long agentPid,
            long placedMs) {
    }

    private static final String PLACEMENT_COLUMNS = "job_instance_id, epoch, node, lease_id, usage_record_id, "
            + "job_execution_id, step_execution_id, state, agent_host_id, agent_pid, placed_ms";

    private static final RowMapper<Placement> PLACEMENT = (rs, row) -> new Placement(rs.getLong(1), rs.getInt(2),
            rs.getString(3), rs.getString(4), (Long) rs.getObject(5, Long.class), (Long) rs.getObject(6, Long.class),
            (Long) rs.getObject(7, Long.class), rs.getString(8), rs.getString(9), (Long) rs.getObject(10, Long.class),
            rs.getLong(11));

    private static final RowMapper<PoolJob> JOB = (rs, row) -> new PoolJob(rs.getLong(1), rs.getString(2),
            rs.getString(3), rs.getInt(4), rs.getString(5), rs.getInt(6), rs.getString(7), rs.getLong(8), rs.getInt(9),
            rs.getLong(10), rs.getBoolean(11));

    private static final String JOB_COLUMNS = "job_instance_id, tenant, job_name, gpus, gpu_model, max_restarts, state, "
            + "execution_id, recoveries, submitted_ms, move_requested";

    private final Store store;
    private final JdbcTemplate jdbc;

    public Placements(Store store) {
        this.store = store;
        this.jdbc = store.jdbc();
    }

    /** This pool's id (made by the first process that asks): its queue names carry it. */
    public String poolId() {
        List<String> ids = jdbc.queryForList("SELECT id FROM pool_identity WHERE singleton = 1", String.class);
        if (!ids.isEmpty()) {
            return ids.get(0);
        }
        try {
            jdbc.update("INSERT INTO pool_identity (singleton, id, created_ms) VALUES (1, ?, " + store.nowMillisSql()
                    + ")", java.util.UUID.randomUUID().toString());
        } catch (org.springframework.dao.DuplicateKeyException raced) {
            // Another process made it first: use its id.
        }
        return jdbc.queryForObject("SELECT id FROM pool_identity WHERE singleton = 1", String.class);
    }

    /** Queues a job whose first execution exists (created, not started). */
    public void queue(long instanceId, String tenant, String jobName, int gpus, String gpuModel, int maxRestarts,
            long executionId) {
        String now = store.nowMillisSql();
        jdbc.update("INSERT INTO pool_job (" + JOB_COLUMNS + ", updated_ms) VALUES (?, ?, ?, ?, ?, ?, ?, ?, 0, " + now
                + ", ?, " + now + ")", instanceId, tenant, jobName, gpus, gpuModel, maxRestarts, QUEUED, executionId,
                false);
    }

    public List<PoolJob> jobs(String state) {
        return jdbc.query("SELECT " + JOB_COLUMNS + " FROM pool_job WHERE state = ? ORDER BY submitted_ms, "
                + "job_instance_id", JOB, state);
    }

    public Optional<PoolJob> job(long instanceId) {
        return jdbc.query("SELECT " + JOB_COLUMNS + " FROM pool_job WHERE job_instance_id = ?", JOB, instanceId).stream()
                .findFirst();
    }

    /** Moves a job from one state to another; false when it was not in {@code from} (another controller won). */
    public boolean move(long instanceId, String from, String to) {
        return jdbc.update("UPDATE pool_job SET state = ?, updated_ms = " + store.nowMillisSql()
                + " WHERE job_instance_id = ? AND state = ?", to, instanceId, from) == 1;
    }

    /** Queues a placed job again to restart {@code executionId}; counts a recovery when {@code recovery}. */
    public boolean requeue(long instanceId, long executionId, boolean recovery) {
        return jdbc.update("UPDATE pool_job SET state = ?, execution_id = ?, recoveries = recoveries + ?, "
                + "move_requested = ?, updated_ms = "
                + store.nowMillisSql() + " WHERE job_instance_id = ? AND state <> ?", QUEUED, executionId,
                recovery ? 1 : 0, false, instanceId, QUEUED) == 1;
    }

    /** Marks a placed job to be placed again once it has stopped ({@code pool drain --now}). */
    public boolean requestMove(long instanceId) {
        return jdbc.update("UPDATE pool_job SET move_requested = ? WHERE job_instance_id = ? AND state = ?", true,
                instanceId, PLACED) == 1;
    }

    /** Records a new placement, the next epoch of the job; returns it. */
    public Placement place(long instanceId, String node, String leaseId, long executionId) {
        Integer last = jdbc.queryForObject("SELECT MAX(epoch) FROM pool_placement WHERE job_instance_id = ?",
                Integer.class, instanceId);
        int epoch = last == null ? 1 : last + 1;
        jdbc.update("INSERT INTO pool_placement (job_instance_id, epoch, node, lease_id, job_execution_id, state, "
                + "placed_ms) VALUES (?, ?, ?, ?, ?, ?, " + store.nowMillisSql() + ")", instanceId, epoch, node, leaseId,
                executionId, PLACED);
        return placement(instanceId, epoch).orElseThrow();
    }

    public void recordUsage(long instanceId, int epoch, long usageRecordId) {
        jdbc.update("UPDATE pool_placement SET usage_record_id = ? WHERE job_instance_id = ? AND epoch = ?",
                usageRecordId, instanceId, epoch);
    }

    public Optional<Placement> placement(long instanceId, int epoch) {
        return jdbc.query("SELECT " + PLACEMENT_COLUMNS + " FROM pool_placement WHERE job_instance_id = ? AND epoch = ?",
                PLACEMENT, instanceId, epoch).stream().findFirst();
    }

    /** The placement of a job execution. */
    public Optional<Placement> ofExecution(long jobExecutionId) {
        return jdbc.query("SELECT " + PLACEMENT_COLUMNS + " FROM pool_placement WHERE job_execution_id = ?", PLACEMENT,
                jobExecutionId).stream().findFirst();
    }

    public Optional<Placement> ofLease(String leaseId) {
        return jdbc.query("SELECT " + PLACEMENT_COLUMNS + " FROM pool_placement WHERE lease_id = ?", PLACEMENT, leaseId)
                .stream().findFirst();
    }

    /** Placements not yet ended or lost, oldest first. */
    public List<Placement> live() {
        return jdbc.query("SELECT " + PLACEMENT_COLUMNS + " FROM pool_placement WHERE state IN (?, ?) "
                + "ORDER BY placed_ms", PLACEMENT, PLACED, RUNNING);
    }

    /** An ended placement whose execution has ended in the store with its usage record open or its lease held. */
    public record LeftOpen(long instanceId, int epoch, long jobExecutionId, String leaseId, Long usageRecordId,
            String status) {
    }

    /**
     * Ended (or lost) placements whose execution shows its end but whose usage record is open or
     * lease held. Found from the open records and live leases (partial indexes, a handful of rows),
     * not from the placements, which grow with the pool's history: it runs at every round.
     */
    public List<LeftOpen> endedButOpen() {
        return jdbc.query("SELECT p.job_instance_id, p.epoch, p.job_execution_id, p.lease_id, p.usage_record_id, "
                + "e.STATUS FROM pool_placement p JOIN BATCH_JOB_EXECUTION e ON e.JOB_EXECUTION_ID = p.job_execution_id "
                + "WHERE p.lease_id IN (SELECT lease_id FROM usage_record WHERE end_ms IS NULL UNION "
                + "SELECT id FROM pool_lease WHERE released_at IS NULL) AND p.state IN (?, ?) AND e.END_TIME IS NOT NULL "
                + "AND e.STATUS IN ('COMPLETED', 'STOPPED', 'FAILED', 'ABANDONED')", (rs, row) -> new LeftOpen(
                        rs.getLong(1), rs.getInt(2), rs.getLong(3), rs.getString(4), (Long) rs.getObject(5, Long.class),
                        rs.getString(6)), ENDED, LOST);
    }

    /**
     * The newest placements, ended or lost, of pool jobs still marked placed: their manager closed
     * the placement and stopped before it moved the job on (or before it stored the job's end).
     * Found from the placed jobs, a handful of rows (the running ones).
     */
    public List<Placement> endedOfPlacedJobs() {
        return jdbc.query("SELECT " + PLACEMENT_COLUMNS + " FROM pool_placement p WHERE p.job_instance_id IN "
                + "(SELECT job_instance_id FROM pool_job WHERE state = ?) AND p.state IN (?, ?) "
                + "AND p.epoch = (SELECT MAX(q.epoch) FROM pool_placement q WHERE q.job_instance_id = p.job_instance_id)",
                PLACEMENT, PLACED, ENDED, LOST);
    }

    /** Live placements on a node. */
    public List<Placement> liveOn(String node) {
        return jdbc.query("SELECT " + PLACEMENT_COLUMNS + " FROM pool_placement WHERE node = ? AND state IN (?, ?)",
                PLACEMENT, node, PLACED, RUNNING);
    }

    /** The node whose queue gets a partition: that of the placement of the partition's job execution. */
    public Optional<String> nodeOfStep(long stepExecutionId) {
        return jdbc.queryForList("SELECT p.node FROM pool_placement p JOIN BATCH_STEP_EXECUTION s "
                + "ON s.JOB_EXECUTION_ID = p.job_execution_id WHERE s.STEP_EXECUTION_ID = ?", String.class,
                stepExecutionId).stream().findFirst();
    }

    /**
     * The agent of {@code node} claims the partition {@code stepExecutionId}: only once, only while
     * its placement is the newest of its job, on this node, its lease is live and {@code agent} is the
     * node's registered agent, not declared lost. Empty means do not
     * run it (a duplicate, a stale request, or work that moved).
     */
    public Optional<Placement> claim(long stepExecutionId, String node, ProcessIdentity agent) {
        int claimed = jdbc.update("UPDATE pool_placement SET state = ?, step_execution_id = ?, agent_host_id = ?, "
                + "agent_pid = ?, claimed_ms = " + store.nowMillisSql() + " WHERE node = ? AND state = ? "
                + "AND step_execution_id IS NULL "
                + "AND job_execution_id = (SELECT s.JOB_EXECUTION_ID FROM BATCH_STEP_EXECUTION s WHERE s.STEP_EXECUTION_ID = ?) "
                + "AND epoch = (SELECT MAX(q.epoch) FROM pool_placement q WHERE q.job_instance_id = pool_placement.job_instance_id) "
                + "AND EXISTS (SELECT 1 FROM pool_lease l WHERE l.id = pool_placement.lease_id AND l.released_at IS NULL) "
                + "AND EXISTS (SELECT 1 FROM pool_agent a WHERE a.node = pool_placement.node AND a.host_id = ? "
                + "AND a.pid = ? AND a.lost_ms IS NULL)",
                RUNNING, stepExecutionId, agent.hostId(), agent.pid(), node, PLACED, stepExecutionId, agent.hostId(),
                agent.pid());
        if (claimed != 1) {
            return Optional.empty();
        }
        return jdbc.query("SELECT " + PLACEMENT_COLUMNS + " FROM pool_placement WHERE step_execution_id = ?", PLACEMENT,
                stepExecutionId).stream().findFirst();
    }

    /**
     * Whether a placement may still write for its job: it is running, the newest of its job, and its
     * lease is live. A worker that finds it false must stop at once and write nothing.
     */
    public boolean current(long instanceId, int epoch) {
        Integer count = jdbc.queryForObject("SELECT COUNT(*) FROM pool_placement p WHERE p.job_instance_id = ? "
                + "AND p.epoch = ? AND p.state = ? "
                + "AND p.epoch = (SELECT MAX(q.epoch) FROM pool_placement q WHERE q.job_instance_id = p.job_instance_id) "
                + "AND EXISTS (SELECT 1 FROM pool_lease l WHERE l.id = p.lease_id AND l.released_at IS NULL)",
                Integer.class, instanceId, epoch, RUNNING);
        return count != null && count == 1;
    }

    /** Ends a placement ({@link #ENDED} or {@link #LOST}); false when it had already ended. */
    public boolean end(long instanceId, int epoch, String state) {
        return jdbc.update("UPDATE pool_placement SET state = ?, ended_ms = " + store.nowMillisSql()
                + " WHERE job_instance_id = ? AND epoch = ? AND state IN (?, ?)", state, instanceId, epoch, PLACED,
                RUNNING) == 1;
    }

    /** How many times the job of an execution was recovered, or empty for a job that is not a pool job. */
    public Optional<Integer> recoveries(long instanceId) {
        return jdbc.queryForList("SELECT recoveries FROM pool_job WHERE job_instance_id = ?", Integer.class, instanceId)
                .stream().findFirst();
    }
}
