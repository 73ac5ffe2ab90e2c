package io.rigshift.runner.cluster;

import io.rigshift.runner.batch.JobRepositories;
import io.rigshift.runner.cli.ChildRigshift;
import io.rigshift.runner.node.ProcessIdentity;
import io.rigshift.runner.pool.PoolInventory;
import io.rigshift.runner.pool.agent.NodeAgents;
import io.rigshift.runner.store.Store;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.rabbit.connection.CachingConnectionFactory;
import org.springframework.amqp.rabbit.listener.SimpleMessageListenerContainer;
import org.springframework.amqp.support.converter.JacksonJsonMessageConverter;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.job.parameters.JobParametersBuilder;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.integration.partition.StepExecutionRequest;

/**
 * Measures the pool on this machine, all on the real PostgreSQL and RabbitMQ:
 * <ol>
 * <li>with a controller and three simulated agents as separate JVMs: submit-to-running latency
 * (submit to the agent's claim, and to the worker's step start) of a trivial command job, and the
 * time from SIGKILLing the agent of a running job to its partition claimed and started on another
 * node (the node grace is part of it);
 * <li>the controller's placement throughput: 1,000 queued jobs of a trivial command over 50
 * simulated nodes of 20 devices, whose agents are played by this process (each partition claimed
 * and completed at once, no worker JVM), jobs placed per second, p99 placement latency (submit to
 * placement), and the store's load (transactions committed per second, all processes).
 * </ol>
 *
 * <p>Run: {@code mvn -q -B -o -pl runner test-compile dependency:build-classpath
 * -Dmdep.outputFile=target/bench.cp}, then {@code java -cp
 * runner/target/test-classes:runner/target/classes:$(cat runner/target/bench.cp)
 * io.rigshift.runner.cluster.PoolBenchmark [SAMPLES] [JOBS] [NODES]}.
 */
public final class PoolBenchmark {

    private PoolBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int samples = args.length > 0 ? Integer.parseInt(args[0]) : 20;
        int jobs = args.length > 1 ? Integer.parseInt(args[1]) : 1000;
        int nodes = args.length > 2 ? Integer.parseInt(args[2]) : 50;
        PrintStream out = System.out;
        Path dir = Files.createTempDirectory("rigshift-pool-benchmark");
        out.printf("pool benchmark: %d cores, node grace %d s, heartbeat 0.5 s, manager poll 0.2 s%n",
                Runtime.getRuntime().availableProcessors(), TestPool.GRACE_SECONDS);
        latencies(dir.resolve("latency"), samples, out);
        throughput(dir.resolve("throughput"), jobs, nodes, out);
        System.exit(0);
    }

    private static void latencies(Path dir, int samples, PrintStream out) throws Exception {
        try (TestPool pool = TestPool.create(dir)) {
            ChildRigshift controller = pool.controller("controller");
            Path pause = dir.resolve("pause");
            pool.agent("a1", 4, "-Drigshift.fault.pause-after-step=37:" + pause);
            pool.agent("a2", 4);
            pool.agent("a3", 4);
            pool.awaitUp(controller);
            List<Long> toClaim = new ArrayList<>();
            List<Long> toStart = new ArrayList<>();
            for (int i = 0; i < samples; i++) {
                long id = pool.submit("--tenant", "acme", "--", "true");
                pool.awaitStatus(id, "COMPLETED", 120);
                long instance = pool.instanceOf(id);
                toClaim.add(pool.store().jdbc().queryForObject("SELECT p.claimed_ms - j.submitted_ms FROM pool_placement p "
                        + "JOIN pool_job j ON j.job_instance_id = p.job_instance_id WHERE p.job_instance_id = ?",
                        Long.class, instance));
                LocalDateTime started = pool.store().jdbc().queryForObject("SELECT START_TIME FROM BATCH_STEP_EXECUTION "
                        + "WHERE JOB_EXECUTION_ID = ? AND STEP_NAME = 'run:p0'", LocalDateTime.class, id);
                long submitted = pool.store().jdbc().queryForObject("SELECT submitted_ms FROM pool_job "
                        + "WHERE job_instance_id = ?", Long.class, instance);
                toStart.add(started.atZone(java.time.ZoneId.systemDefault()).toInstant().toEpochMilli() - submitted);
            }
            out.printf(Locale.ROOT, "submit to claimed by the agent (%d command jobs): median %d ms, p99 %d ms%n",
                    samples, percentile(toClaim, 50), percentile(toClaim, 99));
            out.printf(Locale.ROOT, "submit to running (the worker JVM's step started): median %d ms, p99 %d ms%n",
                    percentile(toStart, 50), percentile(toStart, 99));

            // A job on a1 (the pause holds it after batch 37), a1 SIGKILLed: how long until it runs elsewhere.
            long id = pool.submit("--smoke", "--tenant", "acme", "--seed", "7", "--samples", "480", "--epochs", "16",
                    "--checkpoint-every", "20", "--gpus", "4");
            pool.await(() -> Files.exists(pause), 120, pool.agentOf("a1"));
            long killed = System.currentTimeMillis();
            pool.agentOf("a1").process().destroyForcibly();
            pool.await(() -> pool.store().jdbc().queryForObject("SELECT COUNT(*) FROM pool_placement WHERE "
                    + "job_instance_id = ? AND claimed_ms IS NOT NULL", Integer.class, pool.instanceOf(id)) == 2, 120, null);
            long claimed = pool.store().jdbc().queryForObject("SELECT claimed_ms FROM pool_placement WHERE "
                    + "job_instance_id = ? AND epoch = 2", Long.class, pool.instanceOf(id));
            pool.awaitStatus(id, "COMPLETED", 180);
            out.printf(Locale.ROOT, "agent SIGKILLed to the job claimed on another node: %d ms (node grace %d s)%n",
                    claimed - killed, TestPool.GRACE_SECONDS);
        }
    }

    private static void throughput(Path dir, int jobs, int nodes, PrintStream out) throws Exception {
        try (TestPool pool = TestPool.create(dir)) {
            Store store = pool.store();
            Placements placements = new Placements(store);
            String poolId = placements.poolId();
            PoolInventory inventory = new PoolInventory(store, Clock.systemUTC());
            NodeAgents agents = new NodeAgents(store);
            List<String> queues = new ArrayList<>();
            for (int n = 1; n <= nodes; n++) {
                String node = String.format("n%02d", n);
                inventory.add(node, "A40", 20, 48, true);
                agents.register(node, Duration.ofSeconds(60));
                queues.add(PoolMessaging.queue(poolId, node));
            }
            ScheduledExecutorService beats = Executors.newSingleThreadScheduledExecutor();
            beats.scheduleAtFixedRate(() -> queues.forEach(q -> agents.heartbeat(q.substring(q.lastIndexOf('.') + 1))),
                    0, 500, TimeUnit.MILLISECONDS);
            JobRepository repository = JobRepositories.jdbc(store);
            CachingConnectionFactory connections = BrokerOptions.factory(BrokerOptions.DEFAULT);
            queues.forEach(q -> PoolMessaging.declare(connections, q));
            SimpleMessageListenerContainer fleet = new SimpleMessageListenerContainer(connections);
            fleet.setQueueNames(queues.toArray(String[]::new));
            fleet.setConcurrentConsumers(2);
            JacksonJsonMessageConverter converter = new JacksonJsonMessageConverter(
                    "org.springframework.batch.integration.partition");
            fleet.setMessageListener((Message message) -> {
                StepExecutionRequest request = (StepExecutionRequest) converter.fromMessage(message);
                String queue = message.getMessageProperties().getConsumerQueue();
                String node = queue.substring(queue.lastIndexOf('.') + 1);
                if (placements.claim(request.getStepExecutionId(), node, ProcessIdentity.current()).isPresent()) {
                    StepExecution step = repository.getStepExecution(request.getStepExecutionId());
                    step.setStartTime(LocalDateTime.now());
                    step.setStatus(BatchStatus.COMPLETED);
                    step.setExitStatus(ExitStatus.COMPLETED);
                    step.setEndTime(LocalDateTime.now());
                    repository.update(step);
                }
            });
            fleet.start();

            var parameters = new JobParametersBuilder().addString("tenant", "acme").addString("param.command", "[\"true\"]");
            for (int i = 0; i < jobs; i++) {
                PoolSubmission.submit(store, "command", parameters.addString("run.id", "bench-" + i).toJobParameters(),
                        i % 2 == 0 ? "acme" : "beta", 1, null, 0);
            }
            long commitsBefore = commits(store);
            long start = System.currentTimeMillis();
            ChildRigshift controller = pool.controller("controller");
            pool.await(() -> controller.out().contains("controller active"), 60, controller);
            long active = System.currentTimeMillis();
            pool.await(() -> store.jdbc().queryForObject("SELECT COUNT(*) FROM pool_placement", Integer.class) >= jobs,
                    1800, controller);
            long placed = System.currentTimeMillis();
            pool.await(() -> store.jdbc().queryForObject("SELECT COUNT(*) FROM pool_job WHERE state = 'ended'",
                    Integer.class) >= jobs, 1800, controller);
            long ended = System.currentTimeMillis();
            long commitsAfter = commits(store);
            List<Long> latency = store.jdbc().queryForList("SELECT p.placed_ms - j.submitted_ms FROM pool_placement p "
                    + "JOIN pool_job j ON j.job_instance_id = p.job_instance_id", Long.class);
            List<Long> gaps = store.jdbc().queryForList("SELECT placed_ms FROM pool_placement ORDER BY placed_ms",
                    Long.class);
            out.printf(Locale.ROOT, "placement: %d queued jobs over %d nodes x 20 devices: all placed %.1f s after the "
                    + "controller became active, %.1f jobs/s; all ended after %.1f s (%.1f jobs/s)%n", jobs, nodes,
                    (placed - active) / 1000.0, jobs * 1000.0 / Math.max(1, placed - active), (ended - active) / 1000.0,
                    jobs * 1000.0 / Math.max(1, ended - active));
            out.printf(Locale.ROOT, "placement latency (submit to placed, all queued at once): median %d ms, p99 %d ms; "
                    + "first placement %d ms after the controller became active%n", percentile(latency, 50),
                    percentile(latency, 99), gaps.get(0) - active);
            out.printf(Locale.ROOT, "store load: %.0f transactions committed/s (all processes, controller start to the "
                    + "last job ended)%n", (commitsAfter - commitsBefore) * 1000.0 / Math.max(1, ended - start));
            fleet.stop();
            beats.shutdownNow();
            connections.destroy();
        }
    }

    private static long commits(Store store) {
        return store.jdbc().queryForObject("SELECT xact_commit FROM pg_stat_database WHERE datname = current_database()",
                Long.class);
    }

    static long percentile(List<Long> values, int p) {
        List<Long> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        int index = (int) Math.ceil(p / 100.0 * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, index)));
    }
}
