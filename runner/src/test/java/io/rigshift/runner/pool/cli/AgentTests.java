package io.rigshift.runner.pool.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.rigshift.runner.cli.ChildRigshift;
import io.rigshift.runner.cli.CliRun;
import io.rigshift.runner.node.ProcessIdentity;
import io.rigshift.runner.pool.Lease;
import io.rigshift.runner.pool.LeaseRequest;
import io.rigshift.runner.pool.LeaseService;
import io.rigshift.runner.pool.WaitPolicy;
import io.rigshift.runner.store.RigshiftHome;
import io.rigshift.runner.store.Store;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Node agents as separate processes: registration, heartbeats, a lost node's leases, a clean stop. */
class AgentTests {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> FAST = List.of("-Drigshift.heartbeat.ms=200");

    @TempDir
    Path home;

    @Test
    void aNodeWhoseAgentDiesIsLostAfterTheGraceAndItsLeasesEnd() throws Exception {
        ChildRigshift a1 = agent("a1", "2");
        ChildRigshift a2 = agent("a2", "1");
        try {
            await(() -> state("a1").equals("up") && state("a2").equals("up"), a1);
            CliRun twice = CliRun.of("agent", "--node", "a1", "--simulated", "2", "--home", home.toString());
            assertThat(twice.exitCode()).isEqualTo(2);
            assertThat(twice.err()).contains("node 'a1' already has a live agent");

            Lease lease;
            try (Store store = Store.open(new RigshiftHome(home), Optional.empty())) {
                lease = new LeaseService(store, Clock.systemUTC(), new ProcessIdentity("elsewhere", 7, 0))
                        .acquire(LeaseRequest.of("acme", 2).withJobLabel("on-a1"), WaitPolicy.noWait());
            }
            assertThat(lease.node()).isEqualTo("a1");

            a1.process().destroyForcibly();
            a1.process().waitFor(10, TimeUnit.SECONDS);
            // Silent for less than the grace: nothing is taken away.
            assertThat(leaseOutcome(lease.id())).isNull();
            await(() -> state("a1").equals("lost"), a2);
            await(() -> "reclaimed".equals(leaseOutcome(lease.id())), a2);
            JsonNode a1View = node("a1");
            assertThat(a1View.get("free").asInt()).isEqualTo(2);
            assertThat(a2.out()).contains("node a1 lost: lease " + lease.id() + " of tenant acme reclaimed");
        } finally {
            a1.process().destroyForcibly();
            a2.process().destroy();
        }
        assertThat(a2.process().waitFor(20, TimeUnit.SECONDS)).isTrue();
        assertThat(a2.process().exitValue()).as("SIGTERM: the JVM exits 143 once the agent has stopped").isIn(0, 143);
        assertThat(a2.out()).contains("agent for node a2 stopped");
        assertThat(state("a2")).as("a clean stop leaves the node without an agent, not lost").isEqualTo("no agent");
    }

    private ChildRigshift agent(String node, String devices) throws Exception {
        return ChildRigshift.start(home.resolve("logs"), "agent-" + node, FAST, "agent", "--node", node, "--simulated",
                devices, "--node-grace", "2", "--home", home.toString());
    }

    private String state(String node) {
        JsonNode view = node(node);
        return view == null ? "" : view.get("state").asText();
    }

    private JsonNode node(String name) {
        CliRun nodes = CliRun.of("nodes", "--format", "json", "--home", home.toString(), "--node-grace", "2");
        try {
            for (JsonNode node : JSON.readTree(nodes.out()).get("nodes")) {
                if (node.get("name").asText().equals(name)) {
                    return node;
                }
            }
        } catch (Exception e) {
            return null;
        }
        return null;
    }

    private String leaseOutcome(String leaseId) {
        try (Store store = Store.open(new RigshiftHome(home), Optional.empty())) {
            return store.jdbc().queryForObject("SELECT outcome FROM pool_lease WHERE id = ?", String.class, leaseId);
        }
    }

    private static void await(BooleanSupplier condition, ChildRigshift watched) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("reached in 60 s; agent said: " + watched.out() + watched.err())
                    .isLessThan(deadline);
            Thread.onSpinWait();
        }
    }
}
