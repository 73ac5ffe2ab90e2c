package io.rigshift.runner.pool;

import io.rigshift.runner.node.ProcessIdentity;

import io.rigshift.runner.store.Store;
import java.time.Clock;
import java.time.Duration;

/**
 * A child JVM of {@link LeaseReclaimTests} that takes a lease and then hangs without heartbeating,
 * to be killed. Usage: {@code LeaseHolderMain STORE TENANT GPUS LEASE_TTL_MS}; prints
 * {@code LEASE <id> <expiresAtMillis>} once granted.
 */
public final class LeaseHolderMain {

    private LeaseHolderMain() {
    }

    public static void main(String[] args) throws Exception {
        Store store = TestStores.openLocation(args[0]);
        LeaseTimings timings = LeaseTimings.defaults().withLeaseTtl(Duration.ofMillis(Long.parseLong(args[3])));
        LeaseService leases = new LeaseService(store, Clock.systemUTC(), ProcessIdentity.current(), timings, Sleeper.SYSTEM);
        Lease lease = leases.acquire(LeaseRequest.of(args[1], Integer.parseInt(args[2])).withJobLabel("doomed"),
                WaitPolicy.noWait());
        Long expires = store.jdbc().queryForObject("SELECT expires_at FROM pool_lease WHERE id = ?", Long.class, lease.id());
        System.out.println("LEASE " + lease.id() + " " + expires);
        System.out.flush();
        Thread.sleep(Long.MAX_VALUE);
    }
}
