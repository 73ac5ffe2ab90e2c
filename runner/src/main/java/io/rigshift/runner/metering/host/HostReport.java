package io.rigshift.runner.metering.host;

import io.rigshift.runner.metering.UsageStart;
import io.rigshift.runner.metering.report.UsageSlice;
import io.rigshift.runner.metering.report.UsageDimension;
import io.rigshift.runner.metering.report.UsageWindow;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The host's view of a window: per node and GPU model, device-hours leased (from the usage ledger),
 * available (from the inventory), idle (available − leased) and utilisation. CPU runs are left out.
 */
public record HostReport(UsageWindow window, long endMs, List<Row> rows) {

    /** The ledger dimensions the report needs. */
    public static final Set<UsageDimension> DIMENSIONS = EnumSet.of(UsageDimension.NODE);

    /** One node and model; all figures in device-milliseconds. */
    public record Row(String node, String deviceModel, long leasedMs, long availableMs) {
        public long idleMs() {
            return availableMs - leasedMs;
        }
    }

    public HostReport {
        rows = List.copyOf(rows);
    }

    /** Builds the report; the window ends at {@code nowMs} at the latest (no capacity in the future). */
    public static HostReport of(UsageWindow window, List<UsageSlice> usage, DeviceInventory inventory, long nowMs) {
        long end = Math.min(window.toMs(), Math.max(nowMs, window.fromMs()));
        Map<List<String>, long[]> figures = new TreeMap<>((a, b) -> {
            int byNode = a.get(0).compareTo(b.get(0));
            return byNode != 0 ? byNode : a.get(1).compareTo(b.get(1));
        });
        for (DeviceInventory.Entry entry : inventory.devices()) {
            long from = Math.max(window.fromMs(), entry.sinceMs());
            long available = Math.max(0, end - from) * entry.deviceCount();
            figures.computeIfAbsent(List.of(entry.node(), entry.deviceModel()), k -> new long[2])[1] += available;
        }
        for (UsageSlice day : usage) {
            if (!day.deviceModel().equals(UsageStart.CPU_MODEL)) {
                figures.computeIfAbsent(List.of(day.node(), day.deviceModel()), k -> new long[2])[0] += day.deviceMs();
            }
        }
        List<Row> rows = new ArrayList<>();
        figures.forEach((key, v) -> rows.add(new Row(key.get(0), key.get(1), v[0], v[1])));
        return new HostReport(window, end, rows);
    }
}
