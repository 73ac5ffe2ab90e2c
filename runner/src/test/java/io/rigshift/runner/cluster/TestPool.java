package io.rigshift.runner.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.rigshift.runner.cli.ChildRigshift;
import io.rigshift.runner.cli.CliRun;
import io.rigshift.runner.store.PostgresTestSchema;
import io.rigshift.runner.store.RigshiftHome;
import io.rigshift.runner.store.Store;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A real pool on this machine for a test: a fresh PostgreSQL schema, the local RabbitMQ, and the
 * controller(s) and agents as separate JVMs with fast heartbeats (0.5 s) and a short node grace.
 */
final class TestPool implements AutoCloseable {

    static final long GRACE_SECONDS = 6;
    static final List<String> FAST = List.of("-Drigshift.heartbeat.ms=500", "-Drigshift.pool.tick-ms=200",
            "-Drigshift.pool.poll-ms=200", "-Dai.djl.pytorch.num_threads=1");
    private static final Pattern JOB_ID = Pattern.compile("job (\\d+) queued");

    private final Path dir;
    private final PostgresTestSchema schema;
    private final Store store;
    private final List<ChildRigshift> controllers = new ArrayList<>();
    private final Map<String, ChildRigshift> agents = new LinkedHashMap<>();

    private TestPool(Path dir, PostgresTestSchema schema) {
        this.dir = dir;
        this.schema = schema;
        this.store = Store.open(new RigshiftHome(dir.resolve("test")), Optional.of(schema.url()));
    }

    static TestPool create(Path dir) throws SQLException {
        return new TestPool(dir, PostgresTestSchema.create());
    }

    String url() {
        return schema.url();
    }

    Store store() {
        return store;
    }

    Path shared() {
        return dir.resolve("shared");
    }

    ChildRigshift controller(String name) throws Exception {
        ChildRigshift controller = ChildRigshift.start(dir.resolve("logs"), name, FAST, "controller", "--db-url",
                url(), "--home", dir.resolve(name).toString(), "--shared-dir", shared().toString(), "--node-grace",
                Long.toString(GRACE_SECONDS));
        controllers.add(controller);
        return controller;
    }

    ChildRigshift agent(String node, int devices, String... jvmOptions) throws Exception {
        return agentVia(node, devices, url(), BrokerOptions.DEFAULT, jvmOptions);
    }

    /** An agent that reaches the store and the broker at the given URLs (through a {@link TcpProxy}, say). */
    ChildRigshift agentVia(String node, int devices, String dbUrl, String brokerUrl, String... jvmOptions)
            throws Exception {
        return agentVia(node, devices, dbUrl, brokerUrl, java.util.Map.of(), jvmOptions);
    }

    /** The same, with environment variables for the agent and its workers. */
    ChildRigshift agentVia(String node, int devices, String dbUrl, String brokerUrl,
            java.util.Map<String, String> environment, String... jvmOptions) throws Exception {
        List<String> options = new ArrayList<>(FAST);
        options.addAll(List.of(jvmOptions));
        ChildRigshift agent = ChildRigshift.start(dir.resolve("logs"), "agent-" + node, environment, options, "agent",
                "--node",
                node, "--simulated", Integer.toString(devices), "--db-url", dbUrl, "--broker-url", brokerUrl, "--home",
                dir.resolve(node).toString(), "--shared-dir", shared().toString(), "--node-grace",
                Long.toString(GRACE_SECONDS));
        agents.put(node, agent);
        return agent;
    }

    /** Waits until every started agent heartbeats and the controller is active. */
    void awaitUp(ChildRigshift controller) {
        await(() -> controller.out().contains("controller active"), 60, controller);
        for (Map.Entry<String, ChildRigshift> agent : agents.entrySet()) {
            await(() -> agent.getValue().out().contains("agent for node " + agent.getKey() + " up"), 60,
                    agent.getValue());
        }
    }

    ChildRigshift agentOf(String node) {
        return agents.get(node);
    }

    /** {@code rigshift submit ARGS} on the pool's store; returns the job's id. */
    long submit(String... args) {
        List<String> all = new ArrayList<>(List.of("submit", "--db-url", url(), "--home", dir.resolve("cli").toString()));
        all.addAll(List.of(args));
        CliRun run = CliRun.of(all.toArray(String[]::new));
        assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
        Matcher matcher = JOB_ID.matcher(run.out());
        assertThat(matcher.find()).as(run.out()).isTrue();
        return Long.parseLong(matcher.group(1));
    }

    CliRun cli(String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of("--db-url", url(), "--home", dir.resolve("cli").toString()));
        return CliRun.of(all.toArray(String[]::new));
    }

    /** The status of the newest execution of the job whose first execution is {@code id}. */
    String newestStatus(long id) {
        return store.jdbc().queryForObject("SELECT STATUS FROM BATCH_JOB_EXECUTION WHERE JOB_INSTANCE_ID = "
                + "(SELECT JOB_INSTANCE_ID FROM BATCH_JOB_EXECUTION WHERE JOB_EXECUTION_ID = ?) "
                + "ORDER BY JOB_EXECUTION_ID DESC LIMIT 1", String.class, id);
    }

    long instanceOf(long id) {
        return store.jdbc().queryForObject("SELECT JOB_INSTANCE_ID FROM BATCH_JOB_EXECUTION WHERE JOB_EXECUTION_ID = ?",
                Long.class, id);
    }

    void awaitStatus(long id, String status, long seconds) {
        await(() -> status.equals(newestStatus(id)), seconds, null);
    }

    void await(BooleanSupplier condition, long seconds, ChildRigshift watched) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (!holds(condition)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not reached in " + seconds + " s"
                        + (watched == null ? "" : "; it said: " + watched.out() + watched.err()) + "\n" + outputs());
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }

    /** The condition, or false while the store or the broker is away (a test restarts them). */
    private static boolean holds(BooleanSupplier condition) {
        try {
            return condition.getAsBoolean();
        } catch (RuntimeException e) {
            return false;
        }
    }

    /** What every process of the pool printed, for failure messages. */
    String outputs() {
        StringBuilder all = new StringBuilder();
        for (int i = 0; i < controllers.size(); i++) {
            all.append("--- controller ").append(i).append('\n').append(controllers.get(i).out())
                    .append(controllers.get(i).err());
        }
        agents.forEach((node, agent) -> all.append("--- agent ").append(node).append('\n').append(agent.out())
                .append(agent.err()));
        try (var logs = Files.find(dir, 3, (path, attributes) -> path.getFileName().toString().equals("rigshift.log"))) {
            for (Path log : logs.toList()) {
                all.append("--- warnings in ").append(dir.relativize(log)).append('\n');
                Files.readAllLines(log).stream().filter(line -> line.contains(" WARN ") || line.contains(" ERROR "))
                        .forEach(line -> all.append(line).append('\n'));
            }
        } catch (java.io.IOException e) {
            all.append("(logs unreadable: ").append(e.getMessage()).append(")\n");
        }
        return all.toString();
    }

    @Override
    public void close() throws Exception {
        for (ChildRigshift agent : agents.values()) {
            agent.process().destroyForcibly();
        }
        for (ChildRigshift controller : controllers) {
            controller.process().destroyForcibly();
        }
        for (ChildRigshift agent : agents.values()) {
            agent.process().waitFor(10, TimeUnit.SECONDS);
        }
        store.close();
        schema.close();
    }
}
