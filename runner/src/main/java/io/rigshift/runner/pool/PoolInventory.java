package io.rigshift.runner.pool;

import io.rigshift.runner.store.Store;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The pool's nodes and devices as the host manages them: add, list, drain, undrain and remove.
 * Changes take the pool lock, so they never interleave with a grant.
 */
public final class PoolInventory {

    /** The most devices one {@code pool add} registers on a node. */
    public static final int MAX_DEVICES_PER_NODE = 64;
    /** The largest device memory accepted, in GiB. */
    public static final int MAX_MEMORY_GIB = 4096;

    private final Store store;
    private final JdbcTemplate jdbc;
    private final TransactionTemplate transactions;
    private final Clock clock;

    public PoolInventory(Store store, Clock clock) {
        this.store = store;
        this.jdbc = store.jdbc();
        this.transactions = store.transactions();
        this.clock = clock;
    }

    /**
     * Adds {@code count} devices of a model to a node, creating the node if it is new; on an
     * existing node the new devices take the next indexes. A node is simulated or not as a whole.
     *
     * @return the node as it is now
     */
    public PoolNode add(String node, String gpuModel, int count, int memoryGib, boolean simulated) {
        PoolNames.node(node);
        PoolNames.gpuModel(gpuModel);
        PoolNames.positive("--count", count, MAX_DEVICES_PER_NODE);
        PoolNames.positive("--memory-gib", memoryGib, MAX_MEMORY_GIB);
        transactions.executeWithoutResult(status -> {
            PoolLocks.lockPool(jdbc, store.platform());
            List<Boolean> existing = jdbc.query("SELECT simulated FROM pool_node WHERE name = ?",
                    (rs, row) -> rs.getBoolean(1), node);
            if (existing.isEmpty()) {
                jdbc.update("INSERT INTO pool_node (name, simulated, draining, added_at) VALUES (?, ?, ?, ?)",
                        node, simulated, false, clock.millis());
            } else if (existing.get(0) != simulated) {
                throw new PoolRequestException("node '" + node + "' is " + (existing.get(0) ? "simulated" : "real")
                        + ": add " + (existing.get(0) ? "with" : "without") + " --simulated, or use another node name");
            }
            int next = jdbc.queryForObject("SELECT COALESCE(MAX(device_index) + 1, 0) FROM pool_device WHERE node = ?",
                    Integer.class, node);
            if (next + count > MAX_DEVICES_PER_NODE) {
                throw new PoolRequestException("--count " + count + " would give node '" + node + "' " + (next + count)
                        + " devices: allowed at most " + MAX_DEVICES_PER_NODE + " per node");
            }
            boolean draining = jdbc.queryForObject("SELECT draining FROM pool_node WHERE name = ?", Boolean.class, node);
            String state = (draining ? DeviceState.DRAINING : DeviceState.AVAILABLE).column();
            for (int i = next; i < next + count; i++) {
                jdbc.update("INSERT INTO pool_device (node, device_index, gpu_model, memory_gib, state) "
                        + "VALUES (?, ?, ?, ?, ?)", node, i, gpuModel, memoryGib, state);
            }
        });
        return node(node).orElseThrow();
    }

    /** Every node with its devices, by name. */
    public List<PoolNode> list() {
        Map<String, List<PoolDevice>> devices = new LinkedHashMap<>();
        jdbc.query("SELECT d.node, d.device_index, d.gpu_model, d.memory_gib, d.state, d.lease_id, l.tenant, n.draining "
                + "FROM pool_device d JOIN pool_node n ON n.name = d.node LEFT JOIN pool_lease l ON l.id = d.lease_id "
                + "ORDER BY d.node, d.device_index", rs -> {
                    DeviceState state = DeviceState.ofColumn(rs.getString(5));
                    if (state == DeviceState.AVAILABLE && rs.getBoolean(8)) {
                        // Freed by a release that raced the drain: it takes no lease, so it is draining.
                        state = DeviceState.DRAINING;
                    }
                    devices.computeIfAbsent(rs.getString(1), k -> new ArrayList<>()).add(new PoolDevice(
                            rs.getString(1), rs.getInt(2), rs.getString(3), rs.getInt(4), state,
                            Optional.ofNullable(rs.getString(6)), Optional.ofNullable(rs.getString(7))));
                });
        return jdbc.query("SELECT name, simulated, draining, added_at FROM pool_node ORDER BY name",
                (rs, row) -> new PoolNode(rs.getString(1), rs.getBoolean(2), rs.getBoolean(3),
                        Instant.ofEpochMilli(rs.getLong(4)), devices.getOrDefault(rs.getString(1), List.of())));
    }

    public Optional<PoolNode> node(String name) {
        return list().stream().filter(n -> n.name().equals(name)).findFirst();
    }

    /** Whether a node is simulated; empty if the pool has no such node. */
    public Optional<Boolean> isSimulated(String node) {
        return jdbc.query("SELECT simulated FROM pool_node WHERE name = ?", (rs, row) -> rs.getBoolean(1), node)
                .stream().findFirst();
    }

    /**
     * Stops new leases on a node: its free devices become draining now, its leased ones when
     * released. Leases it holds run on.
     */
    public PoolNode drain(String node) {
        setDraining(node, true);
        return node(node).orElseThrow();
    }

    /** Lets a draining node take leases again. */
    public PoolNode undrain(String node) {
        setDraining(node, false);
        return node(node).orElseThrow();
    }

    /** Removes a node and its devices; refused while any of them is leased. */
    public void remove(String node) {
        PoolNames.node(node);
        transactions.executeWithoutResult(status -> {
            PoolLocks.lockPool(jdbc, store.platform());
            requireNode(node);
            List<String> leases = jdbc.queryForList("SELECT DISTINCT lease_id FROM pool_device WHERE node = ? "
                    + "AND lease_id IS NOT NULL ORDER BY lease_id", String.class, node);
            if (!leases.isEmpty()) {
                throw new PoolRequestException("node '" + node + "' has leased devices (lease " + String.join(", ", leases)
                        + "): drain it with 'rigshift pool drain " + node + "' and remove it once they are released");
            }
            jdbc.update("DELETE FROM pool_device WHERE node = ?", node);
            jdbc.update("DELETE FROM pool_node WHERE name = ?", node);
        });
    }

    /** Whether any device is in service; with {@code realOnly}, on a node that is not simulated. */
    static boolean hasDevices(JdbcTemplate jdbc, boolean realOnly) {
        Integer found = jdbc.queryForObject("SELECT COUNT(*) FROM pool_device d JOIN pool_node n ON n.name = d.node "
                + "WHERE d.state <> 'down'" + (realOnly ? " AND n.simulated = ?" : ""), Integer.class,
                realOnly ? new Object[] {false} : new Object[0]);
        return found != null && found > 0;
    }

    private void setDraining(String node, boolean draining) {
        PoolNames.node(node);
        transactions.executeWithoutResult(status -> {
            PoolLocks.lockPool(jdbc, store.platform());
            requireNode(node);
            jdbc.update("UPDATE pool_node SET draining = ? WHERE name = ?", draining, node);
            DeviceState from = draining ? DeviceState.AVAILABLE : DeviceState.DRAINING;
            DeviceState to = draining ? DeviceState.DRAINING : DeviceState.AVAILABLE;
            jdbc.update("UPDATE pool_device SET state = ? WHERE node = ? AND state = ?", to.column(), node, from.column());
        });
    }

    private void requireNode(String node) {
        Integer found = jdbc.queryForObject("SELECT COUNT(*) FROM pool_node WHERE name = ?", Integer.class, node);
        if (found == null || found == 0) {
            List<String> names = jdbc.queryForList("SELECT name FROM pool_node ORDER BY name", String.class);
            throw new PoolRequestException("no node '" + node + "' in the pool: "
                    + (names.isEmpty() ? "the pool is empty" : "nodes are " + String.join(", ", names)));
        }
    }
}
