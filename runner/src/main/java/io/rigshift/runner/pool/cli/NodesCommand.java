package io.rigshift.runner.pool.cli;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.rigshift.jobs.api.output.JsonOutput;
import io.rigshift.jobs.api.output.OutputFormat;
import io.rigshift.jobs.api.output.TextTable;
import io.rigshift.runner.cli.ExitCodes;
import io.rigshift.runner.cli.HomeOptions;
import io.rigshift.runner.pool.DeviceState;
import io.rigshift.runner.pool.PoolDevice;
import io.rigshift.runner.pool.PoolInventory;
import io.rigshift.runner.pool.PoolNode;
import io.rigshift.runner.pool.agent.NodeAgents;
import io.rigshift.runner.store.Store;
import java.io.PrintWriter;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code rigshift nodes}: the pool's nodes with their state, agent, heartbeat age and devices. */
@Command(name = "nodes", description = "Lists the pool's nodes: state (up, lost, draining, no agent), the agent's "
        + "process and heartbeat age, and devices free, leased and in all.")
public class NodesCommand implements Callable<Integer> {

    @Mixin
    HomeOptions homeOptions;

    @Option(names = "--format", defaultValue = OutputFormat.DEFAULT, paramLabel = OutputFormat.LABEL,
            description = OutputFormat.DESCRIPTION)
    OutputFormat format;

    @Option(names = "--node-grace", defaultValue = "60", paramLabel = "SECONDS",
            description = "An agent silent longer than this shows as lost (default 60).")
    long graceSeconds;

    @Spec
    CommandSpec spec;

    /** The JSON shape of one node. */
    record NodeView(@JsonProperty("name") String name, @JsonProperty("state") String state,
            @JsonProperty("simulated") boolean simulated, @JsonProperty("agent") String agent,
            @JsonProperty("heartbeat_age_s") Long heartbeatAgeSeconds, @JsonProperty("devices") int devices,
            @JsonProperty("free") long free, @JsonProperty("leased") long leased) {
    }

    @Override
    public Integer call() {
        List<NodeView> views = new ArrayList<>();
        try (Store store = homeOptions.openStoreForReading()) {
            NodeAgents agents = new NodeAgents(store);
            for (PoolNode node : new PoolInventory(store, Clock.systemUTC()).list()) {
                Optional<NodeAgents.Agent> agent = agents.find(node.name());
                String state = node.draining() ? "draining"
                        : agent.isEmpty() ? "no agent"
                        : agent.get().lostMs() != null || agent.get().silentMs() > graceSeconds * 1000 ? "lost" : "up";
                long free = node.devices().stream().filter(d -> d.state() == DeviceState.AVAILABLE).count();
                long leased = node.devices().stream().filter(d -> d.state() == DeviceState.LEASED).count();
                views.add(new NodeView(node.name(), state, node.simulated(),
                        agent.map(a -> "pid " + a.pid() + " on " + a.hostName()).orElse(null),
                        agent.map(a -> a.silentMs() / 1000).orElse(null), node.devices().size(), free, leased));
            }
        }
        PrintWriter out = spec.commandLine().getOut();
        if (format == OutputFormat.json) {
            JsonOutput.print(out, Map.of("nodes", views));
            return ExitCodes.OK;
        }
        TextTable table = new TextTable("NODE", "STATE", "AGENT", ">HEARTBEAT", ">FREE", ">LEASED", ">DEVICES");
        for (NodeView v : views) {
            table.row(v.name() + (v.simulated() ? " (simulated)" : ""), v.state(), TextTable.orDash(v.agent()),
                    v.heartbeatAgeSeconds() == null ? "-" : v.heartbeatAgeSeconds() + " s ago", v.free(), v.leased(),
                    v.devices());
        }
        table.print(out);
        return ExitCodes.OK;
    }
}
