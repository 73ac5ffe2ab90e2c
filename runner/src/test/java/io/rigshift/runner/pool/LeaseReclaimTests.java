package io.rigshift.runner.pool;

import io.rigshift.runner.node.ProcessIdentity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.rigshift.runner.store.StorePlatform;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A holder killed with SIGKILL. On this host (README: "a dead local holder's lease is reclaimed at
 * the next grant") its lease is re-granted at once, long before its TTL; on another host only the
 * lease's expiry can tell, and the waiting request gets the devices then.
 */
class LeaseReclaimTests {

    private static final long LEASE_TTL_MS = 2_000;

    @TempDir
    Path home;

    @ParameterizedTest
    @EnumSource(StorePlatform.class)
    void leaseOfAKilledRemoteHolderGoesToTheWaitingRequestAfterExpiry(StorePlatform platform) throws Exception {
        try (TestStores stores = TestStores.open(platform, home)) {
            new PoolInventory(stores.store(), Clock.systemUTC()).add("n1", "A40", 2, 48, true);
            List<ReclaimedLease> reclaimed = new CopyOnWriteArrayList<>();
            // This process and the child share the wall clock: the child's expiry is real time.
            LeaseService waiter = new LeaseService(stores.store(), Clock.systemUTC(), ProcessIdentity.current(),
                    LeaseTimings.defaults().withPollInterval(Duration.ofMillis(50)), Sleeper.SYSTEM)
                    .addReclaimListener(reclaimed::add);

            // Another host's holder (its own host id): only its lease's expiry can tell it died.
            try (ChildJvm holder = ChildJvm.start(LeaseHolderMain.class, home.resolve("logs"),
                    List.of("-Drigshift.host.id=another-machine"), stores.location(), "doomed", "2",
                    Long.toString(LEASE_TTL_MS))) {
                String line = holder.awaitLine("LEASE ", 60);
                assertThat(line).as("the child got a lease:\n" + holder.output()).isNotNull();
                String deadLease = line.split(" ")[1];
                long expiresAt = Long.parseLong(line.split(" ")[2]);

                List<QueuePosition> positions = new CopyOnWriteArrayList<>();
                CompletableFuture<Lease> granted = CompletableFuture.supplyAsync(() -> {
                    try {
                        return waiter.acquire(LeaseRequest.of("patient", 2).withJobLabel("next"),
                                WaitPolicy.upTo(Duration.ofSeconds(60)).onWaiting(positions::add));
                    } catch (InterruptedException e) {
                        throw new IllegalStateException(e);
                    }
                });
                while (positions.isEmpty() && !granted.isDone()) {
                    Thread.onSpinWait();
                }
                assertThat(granted).as("no grant while the holder's lease is live").isNotDone();
                assertThat(new WaitQueue(stores.store(), Clock.systemUTC(), waiter.timings()).list())
                        .extracting(QueuedRequest::tenant).containsExactly("patient");

                holder.process().destroyForcibly();
                assertThat(holder.process().waitFor(10, TimeUnit.SECONDS)).isTrue();

                Lease lease = granted.get(60, TimeUnit.SECONDS);
                assertThat(lease.tenant()).isEqualTo("patient");
                assertThat(lease.devices()).containsExactly(0, 1);
                assertThat(lease.grantedAt().toEpochMilli()).as("not before the dead lease expired")
                        .isGreaterThanOrEqualTo(expiresAt);
                assertThat(reclaimed).singleElement().satisfies(r -> {
                    assertThat(r.leaseId()).isEqualTo(deadLease);
                    assertThat(r.tenant()).isEqualTo("doomed");
                    assertThat(r.lastHeartbeatMillis()).isEqualTo(expiresAt - LEASE_TTL_MS);
                });
                assertThat(stores.store().jdbc().queryForObject("SELECT outcome FROM pool_lease WHERE id = ?",
                        String.class, deadLease)).isEqualTo("reclaimed");
                assertThat(waiter.release(lease.id(), LeaseOutcome.COMPLETED)).isTrue();
            }
        }
    }

    @ParameterizedTest
    @EnumSource(StorePlatform.class)
    void leaseOfASigkilledHolderOnThisHostIsReclaimedAtTheNextGrantNotAfterItsTtl(StorePlatform platform)
            throws Exception {
        long ttl = 90_000;
        try (TestStores stores = TestStores.open(platform, home)) {
            new PoolInventory(stores.store(), Clock.systemUTC()).add("n1", "A40", 2, 48, true);
            LeaseService next = new LeaseService(stores.store(), Clock.systemUTC(), ProcessIdentity.current(),
                    LeaseTimings.defaults().withLeaseTtl(Duration.ofMillis(ttl)), Sleeper.SYSTEM);
            try (ChildJvm holder = ChildJvm.start(LeaseHolderMain.class, home.resolve("logs"), stores.location(),
                    "doomed", "2", Long.toString(ttl))) {
                String line = holder.awaitLine("LEASE ", 60);
                assertThat(line).as("the child got a lease:\n" + holder.output()).isNotNull();
                String deadLease = line.split(" ")[1];
                long expiresAt = Long.parseLong(line.split(" ")[2]);
                assertThatThrownBy(() -> next.acquire(LeaseRequest.of("next", 2), WaitPolicy.noWait()))
                        .as("refused while the holder lives").isInstanceOf(NoCapacityException.class);

                holder.process().destroyForcibly();
                assertThat(holder.process().waitFor(10, TimeUnit.SECONDS)).isTrue();
                long killedAt = System.currentTimeMillis();
                // One grant attempt, no waiting: the TTL (90 s) cannot have passed, only the dead-pid check can free it.
                Optional<Lease> regranted = next.tryAcquire(next.enqueue(LeaseRequest.of("next", 2)));
                assertThat(regranted).as("the SIGKILLed holder's lease is re-granted at the next grant, not after "
                        + "its TTL of " + ttl + " ms").isPresent();
                Lease lease = regranted.get();
                long waited = lease.grantedAt().toEpochMilli() - killedAt;
                System.out.println("SIGKILLed holder's lease re-granted " + waited + " ms after the kill (TTL " + ttl
                        + " ms)");
                assertThat(lease.devices()).containsExactly(0, 1);
                assertThat(lease.grantedAt().toEpochMilli()).as("granted long before the dead lease's expiry")
                        .isLessThan(expiresAt - ttl / 2);
                assertThat(stores.store().jdbc().queryForObject("SELECT outcome FROM pool_lease WHERE id = ?",
                        String.class, deadLease)).isEqualTo("reclaimed");
            }
        }
    }
}
