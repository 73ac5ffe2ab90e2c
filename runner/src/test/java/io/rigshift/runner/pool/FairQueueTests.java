package io.rigshift.runner.pool;

import static org.assertj.core.api.Assertions.assertThat;

import io.rigshift.runner.store.StorePlatform;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/** The queue's order: least recent GPU time across tenants, first come first served within one. */
@ParameterizedClass
@EnumSource(StorePlatform.class)
class FairQueueTests {

    @Parameter
    StorePlatform platform;

    @TempDir
    Path home;

    private final TestClock clock = new TestClock();
    private TestStores stores;
    private PoolInventory inventory;
    private LeaseService leases;

    @BeforeEach
    void open() throws Exception {
        stores = TestStores.open(platform, home);
        inventory = new PoolInventory(stores.store(), clock);
        // The test clock jumps minutes and hours between polls: long TTLs keep leases and waiters alive.
        leases = new LeaseService(stores.store(), clock, LocalHolders.alive(),
                new LeaseTimings(Duration.ofDays(1), Duration.ofDays(1), Duration.ofMillis(200)), clock::advance);
    }

    @AfterEach
    void close() throws Exception {
        stores.close();
    }

    @Test
    void grantsAlternateBetweenTwoQueueingTenants() throws Exception {
        inventory.add("n1", "A40", 1, 48, true);
        Lease current = leases.acquire(LeaseRequest.of("host", 1), WaitPolicy.noWait());
        Map<String, WaitTicket> tickets = new LinkedHashMap<>();
        for (String name : List.of("alpha-1", "alpha-2", "alpha-3", "beta-1", "beta-2", "beta-3")) {
            tickets.put(name, leases.enqueue(LeaseRequest.of(name.substring(0, name.indexOf('-')), 1).withJobLabel(name)));
            clock.advance(Duration.ofMillis(1));
        }
        assertThat(new WaitQueue(stores.store(), clock, leases.timings()).list())
                .extracting(QueuedRequest::jobLabel)
                .as("equal recent GPU time: first come first served")
                .containsExactly("alpha-1", "alpha-2", "alpha-3", "beta-1", "beta-2", "beta-3");

        List<String> grants = new ArrayList<>();
        while (!tickets.isEmpty()) {
            // Every grant holds the one device for a minute, so each one adds the same GPU time.
            clock.advance(Duration.ofMinutes(1));
            leases.release(current.id(), LeaseOutcome.COMPLETED);
            List<String> granted = new ArrayList<>();
            // Poll the newest first: which poll comes first must not matter.
            List<String> newestFirst = new ArrayList<>(tickets.keySet());
            Collections.reverse(newestFirst);
            for (String name : newestFirst) {
                Optional<Lease> lease = leases.tryAcquire(tickets.get(name));
                if (lease.isPresent()) {
                    granted.add(name);
                    current = lease.get();
                }
            }
            assertThat(granted).as("one device, one grant per release").hasSize(1);
            grants.add(granted.get(0));
            tickets.remove(granted.get(0));
        }
        assertThat(grants).containsExactly("alpha-1", "beta-1", "alpha-2", "beta-2", "alpha-3", "beta-3");
    }

    @Test
    void tenantWithLessRecentGpuTimeGoesFirstEvenIfItCameLater() throws Exception {
        inventory.add("n1", "A40", 2, 48, true);
        Lease heavy = leases.acquire(LeaseRequest.of("heavy", 2), WaitPolicy.noWait());
        clock.advance(Duration.ofHours(2));
        leases.release(heavy.id(), LeaseOutcome.COMPLETED);
        Lease blocker = leases.acquire(LeaseRequest.of("host", 2), WaitPolicy.noWait());

        WaitTicket early = leases.enqueue(LeaseRequest.of("heavy", 2));
        clock.advance(Duration.ofMinutes(5));
        WaitTicket late = leases.enqueue(LeaseRequest.of("light", 2));
        List<QueuedRequest> queue = new WaitQueue(stores.store(), clock, leases.timings()).list();
        assertThat(queue).extracting(QueuedRequest::tenant).containsExactly("light", "heavy");
        assertThat(queue.get(1).recentGpuMillis()).isEqualTo(2 * Duration.ofHours(2).toMillis());

        leases.release(blocker.id(), LeaseOutcome.COMPLETED);
        assertThat(leases.tryAcquire(early)).isEmpty();
        assertThat(leases.tryAcquire(late)).isPresent();
    }

    @Test
    void gpuTimeOlderThanTheWindowDoesNotCount() throws Exception {
        inventory.add("n1", "A40", 1, 48, true);
        Lease old = leases.acquire(LeaseRequest.of("heavy", 1), WaitPolicy.noWait());
        clock.advance(Duration.ofHours(3));
        leases.release(old.id(), LeaseOutcome.COMPLETED);
        clock.advance(RecentGpuTime.WINDOW.minusHours(1));
        Lease blocker = leases.acquire(LeaseRequest.of("host", 1), WaitPolicy.noWait());
        leases.enqueue(LeaseRequest.of("heavy", 1));
        clock.advance(Duration.ofMillis(1));
        leases.enqueue(LeaseRequest.of("light", 1));

        List<QueuedRequest> queue = new WaitQueue(stores.store(), clock, leases.timings()).list();
        assertThat(queue).extracting(QueuedRequest::tenant).containsExactly("light", "heavy");
        assertThat(queue.get(1).recentGpuMillis()).as("only the old lease's last hour (less the 1 ms) is in the window")
                .isEqualTo(Duration.ofHours(1).minusMillis(1).toMillis());
        leases.release(blocker.id(), LeaseOutcome.COMPLETED);
    }

    @Test
    void deviceOfAnExitedHolderOnThisHostGoesToTheHeadOfTheQueueAtOnce() throws Exception {
        inventory.add("n1", "A40", 1, 48, true);
        Lease heavy = leases.acquire(LeaseRequest.of("heavy", 1), WaitPolicy.noWait());
        clock.advance(Duration.ofHours(1));
        leases.release(heavy.id(), LeaseOutcome.COMPLETED);
        LeaseService exited = new LeaseService(stores.store(), clock, LocalHolders.exited(), leases.timings(),
                clock::advance);
        Lease dead = exited.acquire(LeaseRequest.of("doomed", 1), WaitPolicy.noWait());
        WaitTicket early = leases.enqueue(LeaseRequest.of("heavy", 1));
        clock.advance(Duration.ofMinutes(1));
        WaitTicket late = leases.enqueue(LeaseRequest.of("light", 1));

        // The lease TTL is a day: only the dead-holder check can free the device now.
        assertThat(leases.tryAcquire(early)).as("light is ahead: it has less recent GPU time").isEmpty();
        assertThat(leases.liveLease(dead.id())).as("reclaimed at the first grant attempt").isEmpty();
        Optional<Lease> granted = leases.tryAcquire(late);
        assertThat(granted).as("the exited holder's device, a day before its lease expires").isPresent();
        assertThat(granted.get().tenant()).isEqualTo("light");
        assertThat(new WaitQueue(stores.store(), clock, leases.timings()).list())
                .extracting(QueuedRequest::tenant).containsExactly("heavy");
    }

    @Test
    void smallRequestDoesNotOvertakeALargerOneAheadOfIt() throws Exception {
        inventory.add("n1", "A40", 2, 48, true);
        Lease held = leases.acquire(LeaseRequest.of("alpha", 1), WaitPolicy.noWait());
        WaitTicket large = leases.enqueue(LeaseRequest.of("beta", 2));
        clock.advance(Duration.ofMillis(1));
        WaitTicket small = leases.enqueue(LeaseRequest.of("beta", 1));

        assertThat(leases.tryAcquire(small)).as("one device is free, but the larger request came first").isEmpty();
        assertThat(leases.tryAcquire(large)).isEmpty();
        leases.release(held.id(), LeaseOutcome.COMPLETED);
        assertThat(leases.tryAcquire(small)).isEmpty();
        assertThat(leases.tryAcquire(large)).isPresent();
    }

    @Test
    void requestsForDifferentModelsDoNotWaitForEachOther() throws Exception {
        inventory.add("a", "A40", 1, 48, true);
        inventory.add("h", "H100", 1, 80, true);
        Lease a40 = leases.acquire(LeaseRequest.of("alpha", 1).withGpuModel("A40"), WaitPolicy.noWait());
        WaitTicket waitsForA40 = leases.enqueue(LeaseRequest.of("beta", 1).withGpuModel("A40"));
        WaitTicket wantsH100 = leases.enqueue(LeaseRequest.of("beta", 1).withGpuModel("H100"));
        assertThat(leases.tryAcquire(waitsForA40)).isEmpty();
        assertThat(leases.tryAcquire(wantsH100)).isPresent();
        leases.release(a40.id(), LeaseOutcome.COMPLETED);
        assertThat(leases.tryAcquire(waitsForA40)).isPresent();
    }
}
