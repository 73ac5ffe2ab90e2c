package io.rigshift.runner.pool.cli;

import io.rigshift.runner.batch.JobRepositories;
import io.rigshift.runner.cli.ExitCodes;
import io.rigshift.runner.cli.HomeOptions;
import io.rigshift.runner.cluster.BrokerOptions;
import io.rigshift.runner.cluster.Placements;
import io.rigshift.runner.cluster.PoolController;
import io.rigshift.runner.cluster.PoolMessaging;
import io.rigshift.runner.cluster.SharedDirOptions;
import io.rigshift.runner.store.Store;
import io.rigshift.runner.store.StoreRetry;
import io.rigshift.runner.training.HeartbeatPolicy;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.amqp.rabbit.connection.CachingConnectionFactory;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.core.task.SimpleAsyncTaskExecutor;
import org.springframework.integration.jdbc.lock.DefaultLockRepository;
import org.springframework.integration.jdbc.lock.JdbcLockRegistry;
import org.springframework.integration.leader.Context;
import org.springframework.integration.leader.DefaultCandidate;
import org.springframework.integration.support.leader.LockRegistryLeaderInitiator;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code rigshift controller}: the pool's head process. Several may run; one is active, holding
 * the leader lock in the store (Spring Integration's {@link JdbcLockRegistry}), and a standby takes
 * over when the active one dies. The active one runs {@link PoolController} until SIGTERM.
 */
@Command(name = "controller", description = {"Runs the pool's controller: places queued jobs on the nodes' agents "
        + "(Spring Batch remote partitioning over RabbitMQ), declares lost the nodes silent past the node grace, and "
        + "recovers their jobs on other nodes. Several may run; one is active at a time. Runs until SIGTERM or Ctrl-C."})
public class ControllerCommand implements Callable<Integer> {

    static final String LEADER_ROLE = "rigshift-controller";

    @Mixin
    HomeOptions homeOptions;

    @Mixin
    BrokerOptions brokerOptions;

    @Mixin
    SharedDirOptions sharedDir;

    @Option(names = "--node-grace", defaultValue = "60", paramLabel = "SECONDS",
            description = "A node whose agent is silent longer is lost and its jobs move (default 60).")
    long graceSeconds;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws InterruptedException {
        AgentCommand.requireGrace(graceSeconds);
        Logger log = LoggerFactory.getLogger(ControllerCommand.class);
        PrintWriter out = spec.commandLine().getOut();
        HeartbeatPolicy policy = HeartbeatPolicy.current();
        long tickMs = Long.getLong("rigshift.pool.tick-ms", 500);
        long pollMs = Long.getLong("rigshift.pool.poll-ms", 1000);
        Duration claimTimeout = Duration.ofMillis(Long.getLong("rigshift.pool.claim-timeout-ms", 30_000));
        CountDownLatch stop = new CountDownLatch(1);
        CountDownLatch stopped = new CountDownLatch(1);
        AtomicBoolean leader = new AtomicBoolean();
        try (Store store = homeOptions.openStore()) {
            CachingConnectionFactory connections = brokerOptions.connect();
            JobRepository repository = new StoreRetry(policy.storePatience(), store::evictConnections)
                    .proxy(JobRepositories.jdbc(store), JobRepository.class);
            Placements placements = new Placements(store);
            String clientId = java.util.UUID.randomUUID().toString();
            DefaultLockRepository locks = new DefaultLockRepository(store.dataSource(), clientId);
            locks.setTransactionManager(store.transactionManager());
            locks.setTimeToLive((int) Math.max(2_000, policy.interval().toMillis() * 2));
            locks.afterPropertiesSet();
            locks.afterSingletonsInstantiated();
            LockRegistryLeaderInitiator initiator = new LockRegistryLeaderInitiator(new JdbcLockRegistry(locks),
                    new DefaultCandidate(java.util.UUID.randomUUID().toString(), LEADER_ROLE) {
                        @Override
                        public void onGranted(Context context) {
                            leader.set(true);
                        }

                        @Override
                        public void onRevoked(Context context) {
                            leader.set(false);
                        }
                    });
            initiator.setTaskExecutor(new SimpleAsyncTaskExecutor("rigshift-leader-"));
            initiator.setHeartBeatMillis(Math.max(500, policy.interval().toMillis() / 2));
            initiator.setBusyWaitMillis(Math.max(200, policy.interval().toMillis() / 4));
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                stop.countDown();
                try {
                    stopped.await(10, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }, "rigshift-controller-stop"));
            PoolController controller = null;
            try (PoolMessaging messaging = PoolMessaging.sender(connections, placements.poolId(),
                    step -> placements.nodeOfStep(step).orElseThrow(() -> new IllegalStateException(
                            "step execution " + step + " has no placement")))) {
                initiator.start();
                out.printf("controller up (standby until it holds the leader lock); broker %s, node grace %d s, "
                        + "jobs in %s%n", BrokerOptions.redacted(brokerOptions.url()), graceSeconds, sharedDir.jobsRoot(
                                homeOptions.home()));
                out.flush();
                boolean suspended = false;
                while (!stop.await(tickMs, TimeUnit.MILLISECONDS)) {
                    if (!leader.get()) {
                        if (controller == null) {
                            continue;
                        }
                        if (!suspended) {
                            // Most often the store went away (a restart): no one else can take the lock then, and
                            // the lock comes back to this controller with the store.
                            suspended = true;
                            out.println("controller lost the leader lock: standby until it holds it again (the "
                                    + "managers of its running jobs go on)");
                            out.flush();
                        }
                        if (heldByAnother(store, clientId)) {
                            // Its managers would end jobs the active one has taken up: it goes, with them.
                            out.println("another controller holds the leader lock: exiting so that the active one "
                                    + "is alone");
                            out.flush();
                            return ExitCodes.FAILED;
                        }
                        continue;
                    }
                    if (controller == null) {
                        controller = new PoolController(store, repository, messaging, Duration.ofSeconds(graceSeconds),
                                claimTimeout, pollMs, sharedDir.jobsRoot(homeOptions.home()), out);
                        out.println("controller active");
                        out.flush();
                    } else if (suspended) {
                        suspended = false;
                        controller.storeWasAway();
                        out.println("controller active again");
                        out.flush();
                    }
                    try {
                        controller.tick();
                    } catch (RuntimeException e) {
                        log.warn("controller tick failed: {}; retrying at the next tick", e.toString(), e);
                    }
                }
                out.println("controller stopped; running jobs go on on their agents");
                out.flush();
            } finally {
                if (controller != null) {
                    controller.close();
                }
                initiator.stop();
                connections.destroy();
                stopped.countDown();
            }
        }
        return ExitCodes.OK;
    }

    /**
     * Whether the leader lock is held by a client other than {@code clientId}: the row of the lock
     * this controller held changes hands only when another controller acquires it. False while
     * the store cannot be read.
     */
    private static boolean heldByAnother(Store store, String clientId) {
        try {
            Integer others = store.jdbc().queryForObject("SELECT COUNT(*) FROM INT_LOCK WHERE CLIENT_ID <> ?",
                    Integer.class, clientId);
            return others != null && others > 0;
        } catch (org.springframework.dao.DataAccessException e) {
            return false;
        }
    }
}
