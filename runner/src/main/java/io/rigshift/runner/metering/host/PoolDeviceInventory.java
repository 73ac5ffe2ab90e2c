package io.rigshift.runner.metering.host;

import java.util.List;
import javax.sql.DataSource;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The device inventory read from the pool's tables ({@code pool_node}, {@code pool_device}). The pool
 * keeps the current inventory, not its history: a device counts as available from the time its node
 * was added, unless it is down now.
 */
public final class PoolDeviceInventory implements DeviceInventory {

    private final JdbcTemplate jdbc;

    public PoolDeviceInventory(DataSource dataSource) {
        this.jdbc = new JdbcTemplate(dataSource);
    }

    @Override
    public List<Entry> devices() {
        return jdbc.query("SELECT d.node, d.gpu_model, COUNT(*) AS devices, n.added_at FROM pool_device d "
                + "JOIN pool_node n ON n.name = d.node WHERE d.state <> 'down' "
                + "GROUP BY d.node, d.gpu_model, n.added_at",
                (rs, row) -> new Entry(rs.getString("node"), rs.getString("gpu_model"), rs.getInt("devices"),
                        rs.getLong("added_at")));
    }
}
