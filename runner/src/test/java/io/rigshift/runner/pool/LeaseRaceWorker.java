package io.rigshift.runner.pool;

import io.rigshift.runner.node.ProcessIdentity;

import io.rigshift.runner.store.Store;
import java.time.Clock;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * A child JVM of {@link LeaseRaceTests}: {@code threads} threads each acquire (no wait, retrying)
 * and release {@code rounds} leases of 1-2 devices. After each grant a thread claims its devices in
 * {@code race_claim}, whose primary key (node, device) turns any device held by two live leases
 * into a constraint violation, and checks that the pool marks exactly its devices with its lease.
 *
 * <p>Usage: {@code LeaseRaceWorker STORE TENANT THREADS ROUNDS SEED}, STORE a JDBC URL or a SQLite
 * home. Prints one line {@code RESULT grants=G noCapacity=N violations=V}; exits 0 when V is 0.
 */
public final class LeaseRaceWorker {

    private LeaseRaceWorker() {
    }

    public static void main(String[] args) throws Exception {
        String location = args[0];
        String tenant = args[1];
        int threads = Integer.parseInt(args[2]);
        int rounds = Integer.parseInt(args[3]);
        long seed = Long.parseLong(args[4]);
        AtomicLong grants = new AtomicLong();
        AtomicLong noCapacity = new AtomicLong();
        AtomicLong violations = new AtomicLong();
        try (Store store = TestStores.openLocation(location)) {
            LeaseService leases = new LeaseService(store, Clock.systemUTC(), ProcessIdentity.current());
            JdbcTemplate jdbc = store.jdbc();
            ExecutorService pool = Executors.newFixedThreadPool(threads);
            List<Future<?>> futures = new java.util.ArrayList<>();
            for (int t = 0; t < threads; t++) {
                SplittableRandom random = new SplittableRandom(seed * 1000 + t);
                futures.add(pool.submit(() -> {
                    for (int round = 0; round < rounds; round++) {
                        LeaseRequest request = LeaseRequest.of(tenant, 1 + random.nextInt(2)).withJobLabel("race");
                        Lease lease;
                        while (true) {
                            try {
                                lease = leases.acquire(request, WaitPolicy.noWait());
                                break;
                            } catch (NoCapacityException e) {
                                noCapacity.incrementAndGet();
                                Thread.sleep(random.nextInt(1, 4));
                            }
                        }
                        grants.incrementAndGet();
                        violations.addAndGet(check(jdbc, lease));
                        jdbc.update("DELETE FROM race_claim WHERE lease_id = ?", lease.id());
                        if (!leases.release(lease.id(), LeaseOutcome.COMPLETED)) {
                            violations.incrementAndGet();
                            System.err.println("VIOLATION release of " + lease.id() + " did not count");
                        }
                    }
                    return null;
                }));
            }
            pool.shutdown();
            for (Future<?> future : futures) {
                future.get();
            }
            pool.awaitTermination(1, TimeUnit.MINUTES);
        }
        System.out.println("RESULT grants=" + grants + " noCapacity=" + noCapacity + " violations=" + violations);
        System.exit(violations.get() == 0 ? 0 : 1);
    }

    /** The number of ways this grant breaks the one-lease-per-device rule (0 when it is sound). */
    private static int check(JdbcTemplate jdbc, Lease lease) {
        int bad = 0;
        for (int device : lease.devices()) {
            try {
                jdbc.update("INSERT INTO race_claim (node, device_index, lease_id) VALUES (?, ?, ?)",
                        lease.node(), device, lease.id());
            } catch (DataIntegrityViolationException e) {
                bad++;
                System.err.println("VIOLATION device " + lease.node() + "/" + device + " is claimed by another live lease");
            }
        }
        Integer marked = jdbc.queryForObject("SELECT COUNT(*) FROM pool_device WHERE lease_id = ? AND state = 'leased'",
                Integer.class, lease.id());
        if (marked == null || marked != lease.deviceCount()) {
            bad++;
            System.err.println("VIOLATION lease " + lease.id() + " holds " + lease.devices() + " but the pool marks " + marked);
        }
        return bad;
    }
}
