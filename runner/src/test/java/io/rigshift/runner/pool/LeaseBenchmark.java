package io.rigshift.runner.pool;

import io.rigshift.runner.node.ProcessIdentity;

import io.rigshift.runner.store.StorePlatform;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Measures the pool: lease acquire+release pairs per second on SQLite and PostgreSQL with 1 and 8
 * threads (each thread leases 1 of 8 devices, so no request waits), and the time from a release to
 * the grant of a request waiting in the queue (another service instance, as another process would
 * be, polling every 200 ms, the production default, and every 50 ms).
 *
 * <p>Run: {@code mvn -q -B -o -pl runner test -Dtest=LeaseBenchmarkTests -Drigshift.benchmark=true
 * -Dsurefire.failIfNoSpecifiedTests=false} (PostgreSQL at 127.0.0.1:5432 must be up), or this main
 * class on the test classpath.
 */
public final class LeaseBenchmark {

    private static final Duration WARM_UP = Duration.ofSeconds(1);
    private static final Duration MEASURE = Duration.ofSeconds(5);
    private static final int HANDOFFS = 10;

    private LeaseBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        run(System.out);
    }

    static void run(PrintStream out) throws Exception {
        for (StorePlatform platform : StorePlatform.values()) {
            for (int threads : new int[] {1, 8}) {
                double opsPerSecond = throughput(platform, threads);
                out.printf(Locale.ROOT, "lease benchmark %-10s %d thread%s: %7.0f acquire+release/s%n",
                        platform, threads, threads == 1 ? " " : "s", opsPerSecond);
            }
            for (Duration poll : List.of(Duration.ofMillis(200), Duration.ofMillis(50))) {
                List<Long> handoffs = releaseToGrantMillis(platform, poll);
                out.printf(Locale.ROOT, "lease benchmark %-10s release -> waiting grant, poll %d ms: median %d ms, "
                        + "max %d ms (%d handoffs)%n", platform, poll.toMillis(), handoffs.get(handoffs.size() / 2),
                        handoffs.get(handoffs.size() - 1), handoffs.size());
            }
        }
    }

    private static double throughput(StorePlatform platform, int threads) throws Exception {
        Path home = Files.createTempDirectory("rigshift-bench");
        try (TestStores stores = TestStores.open(platform, home)) {
            new PoolInventory(stores.store(), Clock.systemUTC()).add("bench", "A40", 8, 48, true);
            LeaseService leases = new LeaseService(stores.store(), Clock.systemUTC(), ProcessIdentity.current());
            AtomicBoolean counting = new AtomicBoolean();
            AtomicBoolean stop = new AtomicBoolean();
            AtomicLong pairs = new AtomicLong();
            ExecutorService pool = Executors.newFixedThreadPool(threads);
            List<CompletableFuture<Void>> workers = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                workers.add(CompletableFuture.runAsync(() -> {
                    while (!stop.get()) {
                        Lease lease = acquireNoWait(leases, LeaseRequest.of("bench", 1));
                        leases.release(lease.id(), LeaseOutcome.COMPLETED);
                        if (counting.get()) {
                            pairs.incrementAndGet();
                        }
                    }
                }, pool));
            }
            Thread.sleep(WARM_UP.toMillis());
            counting.set(true);
            long start = System.nanoTime();
            Thread.sleep(MEASURE.toMillis());
            counting.set(false);
            double seconds = (System.nanoTime() - start) / 1e9;
            stop.set(true);
            CompletableFuture.allOf(workers.toArray(CompletableFuture[]::new)).get(60, TimeUnit.SECONDS);
            pool.shutdown();
            return pairs.get() / seconds;
        }
    }

    private static List<Long> releaseToGrantMillis(StorePlatform platform, Duration poll) throws Exception {
        Path home = Files.createTempDirectory("rigshift-bench");
        try (TestStores stores = TestStores.open(platform, home)) {
            new PoolInventory(stores.store(), Clock.systemUTC()).add("bench", "A40", 1, 48, true);
            LeaseTimings timings = LeaseTimings.defaults().withPollInterval(poll);
            LeaseService holder = new LeaseService(stores.store(), Clock.systemUTC(), new ProcessIdentity("holder", 1, 0),
                    timings, Sleeper.SYSTEM);
            LeaseService waiter = new LeaseService(stores.store(), Clock.systemUTC(), new ProcessIdentity("waiter", 2, 0),
                    timings, Sleeper.SYSTEM);
            List<Long> handoffs = new ArrayList<>();
            for (int i = 0; i < HANDOFFS; i++) {
                Lease held = holder.acquire(LeaseRequest.of("first", 1), WaitPolicy.noWait());
                CountDownLatch queued = new CountDownLatch(1);
                CompletableFuture<Long> grantedAt = CompletableFuture.supplyAsync(() -> {
                    try {
                        Lease lease = waiter.acquire(LeaseRequest.of("second", 1),
                                WaitPolicy.untilGranted().onWaiting(p -> queued.countDown()));
                        long at = System.nanoTime();
                        waiter.release(lease.id(), LeaseOutcome.COMPLETED);
                        return at;
                    } catch (InterruptedException e) {
                        throw new IllegalStateException(e);
                    }
                });
                queued.await();
                // Release at a random point of the waiter's poll cycle.
                Thread.sleep((long) (Math.random() * poll.toMillis()));
                long releasedAt = System.nanoTime();
                holder.release(held.id(), LeaseOutcome.COMPLETED);
                handoffs.add(TimeUnit.NANOSECONDS.toMillis(grantedAt.get(30, TimeUnit.SECONDS) - releasedAt));
            }
            Collections.sort(handoffs);
            return handoffs;
        }
    }

    private static Lease acquireNoWait(LeaseService leases, LeaseRequest request) {
        while (true) {
            try {
                return leases.acquire(request, WaitPolicy.noWait());
            } catch (NoCapacityException e) {
                Thread.onSpinWait();
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        }
    }
}
