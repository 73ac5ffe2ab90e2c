package io.rigshift.runner.pool.cli;

import io.rigshift.runner.cli.ExitCodes;
import io.rigshift.runner.cli.HomeOptions;
import io.rigshift.jobs.api.output.JsonOutput;
import io.rigshift.jobs.api.output.OutputFormat;
import io.rigshift.jobs.api.output.TextTable;
import io.rigshift.runner.pool.DeviceState;
import io.rigshift.runner.pool.PoolDevice;
import io.rigshift.runner.pool.PoolInventory;
import io.rigshift.runner.pool.PoolNode;
import io.rigshift.runner.store.Store;
import java.io.PrintWriter;
import java.time.Clock;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code rigshift pool list}: every device of the pool, its state and who holds it. */
@Command(name = "list",
        description = "List the pool's nodes and devices with their state and lease.")
public class PoolListCommand implements Callable<Integer> {

    @Mixin
    HomeOptions homeOptions;

    @Spec
    CommandSpec spec;

    @Option(names = "--format", defaultValue = OutputFormat.DEFAULT, paramLabel = OutputFormat.LABEL,
            description = OutputFormat.DESCRIPTION)
    OutputFormat format;

    @Override
    public Integer call() {
        List<PoolNode> nodes;
        try (Store store = homeOptions.openStoreForReading()) {
            nodes = new PoolInventory(store, Clock.systemUTC()).list();
        }
        PrintWriter out = spec.commandLine().getOut();
        if (format == OutputFormat.json) {
            JsonOutput.print(out, Map.of("nodes", nodes.stream().map(PoolListCommand::json).toList()));
            return ExitCodes.OK;
        }
        if (nodes.isEmpty()) {
            out.println("the pool is empty: add GPUs with 'rigshift pool add' or 'rigshift pool detect'");
            out.flush();
            return ExitCodes.OK;
        }
        TextTable table = new TextTable("NODE", "DEVICE", "MODEL", "MEMORY", "STATE", "TENANT", "LEASE", "SIMULATED");
        Map<DeviceState, Integer> counts = new EnumMap<>(DeviceState.class);
        int devices = 0;
        for (PoolNode node : nodes) {
            for (PoolDevice device : node.devices()) {
                table.row(node.name(), device.index(), device.gpuModel(), device.memoryGib() + " GiB",
                        device.state().column(), device.tenant().orElse("-"), device.leaseId().orElse("-"),
                        node.simulated() ? "yes" : "no");
                counts.merge(device.state(), 1, Integer::sum);
                devices++;
            }
        }
        table.print(out);
        List<String> states = new ArrayList<>();
        counts.forEach((state, n) -> states.add(n + " " + state.column()));
        out.printf("%d node%s, %d device%s: %s%n", nodes.size(), nodes.size() == 1 ? "" : "s", devices,
                devices == 1 ? "" : "s", String.join(", ", states));
        out.flush();
        return ExitCodes.OK;
    }

    private static Map<String, Object> json(PoolNode node) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("name", node.name());
        json.put("simulated", node.simulated());
        json.put("draining", node.draining());
        json.put("addedAt", node.addedAt().toString());
        json.put("devices", node.devices().stream().map(d -> {
            Map<String, Object> device = new LinkedHashMap<>();
            device.put("index", d.index());
            device.put("gpuModel", d.gpuModel());
            device.put("memoryGib", d.memoryGib());
            device.put("state", d.state().column());
            device.put("leaseId", d.leaseId().orElse(null));
            device.put("tenant", d.tenant().orElse(null));
            return device;
        }).toList());
        return json;
    }
}
