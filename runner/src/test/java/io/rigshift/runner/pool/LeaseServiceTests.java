package io.rigshift.runner.pool;

import io.rigshift.runner.node.ProcessIdentity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.rigshift.runner.store.StorePlatform;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

@ParameterizedClass
@EnumSource(StorePlatform.class)
class LeaseServiceTests {

    @Parameter
    StorePlatform platform;

    @TempDir
    Path home;

    private final TestClock clock = new TestClock();
    // This JVM: a live holder on this host, which the dead-holder check at every grant must leave alone.
    private final ProcessIdentity holder = LocalHolders.alive();
    private TestStores stores;
    private PoolInventory inventory;
    private LeaseService leases;
    private final List<ReclaimedLease> reclaimed = new ArrayList<>();

    private void open() throws Exception {
        stores = TestStores.open(platform, home);
        inventory = new PoolInventory(stores.store(), clock);
        leases = new LeaseService(stores.store(), clock, holder,
                LeaseTimings.defaults().withLeaseTtl(Duration.ofSeconds(10)), d -> clock.advance(d))
                .addReclaimListener(reclaimed::add);
    }

    @AfterEach
    void close() throws Exception {
        if (stores != null) {
            stores.close();
        }
    }

    @Test
    void grantsDevicesOnOneNodeBestFitAndRefusesWithoutCapacity() throws Exception {
        open();
        inventory.add("big", "A40", 4, 48, true);
        inventory.add("small", "A40", 2, 48, true);

        Lease first = leases.acquire(LeaseRequest.of("acme", 2), WaitPolicy.noWait());
        assertThat(first.node()).as("best fit keeps the big node whole").isEqualTo("small");
        assertThat(first.devices()).containsExactly(0, 1);
        assertThat(first.gpuModel()).isEqualTo("A40");
        assertThat(first.simulated()).isTrue();
        assertThat(first.grantedAt()).isEqualTo(clock.instant());

        Lease second = leases.acquire(LeaseRequest.of("acme", 3).withGpuModel("a40"), WaitPolicy.noWait());
        assertThat(second.node()).isEqualTo("big");
        assertThat(second.devices()).containsExactly(0, 1, 2);

        assertThatThrownBy(() -> leases.acquire(LeaseRequest.of("acme", 2).withGpuModel("A40"), WaitPolicy.noWait()))
                .isInstanceOf(NoCapacityException.class)
                .hasMessage("no capacity: 1 of 6 A40 free, 2 requested");

        assertThat(leases.release(first.id(), LeaseOutcome.COMPLETED)).isTrue();
        assertThatThrownBy(() -> leases.acquire(LeaseRequest.of("acme", 3), WaitPolicy.noWait()))
                .hasMessage("no capacity: 3 of 6 GPUs free, 3 requested, at most 2 free on one node");
    }

    @Test
    void capacityOfAModelCountsOnlyThatModelsDevices() throws Exception {
        open();
        inventory.add("a1", "A40", 2, 48, true);
        inventory.add("a2", "A40", 3, 48, true);
        inventory.add("h", "H100", 4, 80, true);
        assertThat(leases.acquire(LeaseRequest.of("acme", 1).withGpuModel("A40"), WaitPolicy.noWait()).node())
                .isEqualTo("a1");
        assertThat(leases.acquire(LeaseRequest.of("acme", 2).withGpuModel("A40"), WaitPolicy.noWait()).node())
                .isEqualTo("a2");

        assertThatThrownBy(() -> leases.acquire(LeaseRequest.of("acme", 2).withGpuModel("A40"), WaitPolicy.noWait()))
                .hasMessage("no capacity: 2 of 5 A40 free, 2 requested, at most 1 free on one node");
        assertThatThrownBy(() -> leases.acquire(LeaseRequest.of("acme", 3).withGpuModel("A40"), WaitPolicy.noWait()))
                .hasMessage("no capacity: 2 of 5 A40 free, 3 requested");
        assertThatThrownBy(() -> leases.acquire(LeaseRequest.of("acme", 4).withGpuModel("A40"), WaitPolicy.noWait()))
                .isInstanceOf(UnsatisfiableRequestException.class)
                .hasMessage("4 A40 requested but no node has more than 3 A40");
        assertThatThrownBy(() -> leases.acquire(LeaseRequest.of("acme", 5), WaitPolicy.noWait()))
                .hasMessage("5 GPUs requested but no node has more than 4 GPUs of one model");
    }

    @Test
    void requestsThatCanNeverBeMetAreUsageErrors() throws Exception {
        open();
        assertThatThrownBy(() -> leases.acquire(LeaseRequest.of("acme", 1), WaitPolicy.untilGranted()))
                .isInstanceOf(UnsatisfiableRequestException.class).hasMessageContaining("no GPUs in the pool");
        inventory.add("n1", "A40", 2, 48, true);
        inventory.add("n2", "A40", 2, 48, true);
        inventory.add("n3", "H100", 1, 80, true);

        assertThatThrownBy(() -> leases.acquire(LeaseRequest.of("acme", 3).withGpuModel("A40"), WaitPolicy.untilGranted()))
                .isInstanceOf(UnsatisfiableRequestException.class)
                .isInstanceOf(PoolRequestException.class)
                .hasMessage("3 A40 requested but no node has more than 2 A40");
        assertThatThrownBy(() -> leases.acquire(LeaseRequest.of("acme", 1).withGpuModel("V100"), WaitPolicy.noWait()))
                .isInstanceOf(UnsatisfiableRequestException.class)
                .hasMessage("unknown GPU model 'V100': the pool has A40, H100");
        assertThatThrownBy(() -> LeaseRequest.of("acme", 0))
                .isInstanceOf(UnsatisfiableRequestException.class).hasMessageContaining("--gpus 0");
        assertThatThrownBy(() -> LeaseRequest.of("Acme!", 1))
                .isInstanceOf(PoolRequestException.class).hasMessageContaining("invalid tenant 'Acme!'");

        new TenantQuotas(stores.store(), clock).set("acme", 1);
        assertThatThrownBy(() -> leases.acquire(LeaseRequest.of("acme", 2), WaitPolicy.untilGranted()))
                .isInstanceOf(UnsatisfiableRequestException.class)
                .hasMessageStartingWith("2 GPUs requested but tenant acme's quota is 1");
        assertThat(queue()).isEmpty();
    }

    @Test
    void releaseCountsOnceAndHeartbeatKeepsALeaseAlive() throws Exception {
        open();
        inventory.add("n1", "A40", 2, 48, false);
        Lease lease = leases.acquire(LeaseRequest.of("acme", 2), WaitPolicy.noWait());
        assertThat(inventory.list().get(0).count(DeviceState.LEASED)).isEqualTo(2);

        clock.advance(Duration.ofSeconds(8));
        assertThat(leases.heartbeat(lease.id())).isTrue();
        clock.advance(Duration.ofSeconds(8));
        assertThat(leases.reclaimExpired()).as("heartbeat moved the expiry").isEmpty();

        assertThat(leases.release(lease.id(), LeaseOutcome.COMPLETED)).isTrue();
        assertThat(leases.release(lease.id(), LeaseOutcome.FAILED)).isFalse();
        assertThat(leases.heartbeat(lease.id())).isFalse();
        assertThat(leases.liveLease(lease.id())).isEmpty();
        assertThat(inventory.list().get(0).count(DeviceState.AVAILABLE)).isEqualTo(2);
        assertThat(stores.store().jdbc().queryForObject("SELECT outcome FROM pool_lease WHERE id = ?", String.class,
                lease.id())).isEqualTo("completed");
    }

    @Test
    void expiredLeaseIsReclaimedOnceAndTheListenerGetsItsLastHeartbeat() throws Exception {
        open();
        inventory.add("n1", "A40", 1, 48, false);
        // A holder in another host's pid space: that its pid is dead here says nothing, only the TTL counts.
        ProcessIdentity exited = LocalHolders.exited();
        LeaseService remote = new LeaseService(stores.store(), clock,
                new ProcessIdentity("another-host", exited.pid(), exited.startedAtMs()), leases.timings(), clock::advance);
        Lease lease = remote.acquire(LeaseRequest.of("acme", 1), WaitPolicy.noWait());
        clock.advance(Duration.ofSeconds(5));
        assertThatThrownBy(() -> leases.acquire(LeaseRequest.of("other", 1), WaitPolicy.noWait()))
                .as("a remote holder is not known dead before its expiry").isInstanceOf(NoCapacityException.class);
        assertThat(remote.heartbeat(lease.id())).isTrue();
        long lastHeartbeat = clock.millis();
        clock.advance(Duration.ofSeconds(10));
        assertThat(leases.reclaimExpired()).as("not past the expiry yet").isEmpty();
        clock.advance(Duration.ofMillis(1));

        Lease next = leases.acquire(LeaseRequest.of("other", 1), WaitPolicy.noWait());
        assertThat(next.devices()).containsExactly(0);
        assertThat(reclaimed).singleElement().satisfies(r -> {
            assertThat(r.leaseId()).isEqualTo(lease.id());
            assertThat(r.tenant()).isEqualTo("acme");
            assertThat(r.lastHeartbeatMillis()).isEqualTo(lastHeartbeat);
            assertThat(r.deviceCount()).isEqualTo(1);
        });
        assertThat(leases.reclaimExpired()).isEmpty();
        assertThat(leases.heartbeat(lease.id())).as("the dead holder's lease is gone").isFalse();
        assertThat(leases.release(lease.id(), LeaseOutcome.FAILED)).isFalse();
        assertThat(reclaimed).hasSize(1);
    }

    @Test
    void reclaimExpiredReturnsTheLeasesPastTheirExpiryAndNotOneDueNow() throws Exception {
        open();
        inventory.add("n1", "A40", 2, 48, false);
        Lease lease = leases.acquire(LeaseRequest.of("acme", 2), WaitPolicy.noWait());
        clock.advance(leases.timings().leaseTtl());
        assertThat(leases.reclaimExpired()).as("expiring now, not yet expired").isEmpty();
        clock.advance(Duration.ofMillis(1));
        assertThat(leases.reclaimExpired()).containsExactly(new ReclaimedLease(lease.id(), "acme", "n1", "A40", 2,
                lease.grantedAt().toEpochMilli(), lease.grantedAt().toEpochMilli(), clock.millis()));
        assertThat(reclaimed).hasSize(1);
        assertThat(inventory.node("n1").orElseThrow().count(DeviceState.AVAILABLE)).isEqualTo(2);
    }

    @Test
    void queuedRequestRefreshesItsHeartbeatOnceAQuarterOfTheWaiterTtlHasPassed() throws Exception {
        open();
        inventory.add("n1", "A40", 1, 48, false);
        leases.acquire(LeaseRequest.of("alpha", 1), WaitPolicy.noWait());
        WaitTicket ticket = leases.enqueue(LeaseRequest.of("beta", 1));
        long enqueuedAt = clock.millis();
        Duration quarter = leases.timings().waiterTtl().dividedBy(4);
        clock.advance(quarter.minusMillis(1));
        assertThat(leases.tryAcquire(ticket)).isEmpty();
        assertThat(waiterHeartbeat(ticket)).isEqualTo(enqueuedAt);
        clock.advance(Duration.ofMillis(1));
        assertThat(leases.tryAcquire(ticket)).isEmpty();
        assertThat(waiterHeartbeat(ticket)).isEqualTo(clock.millis());

        assertThat(leases.cancel(ticket)).isTrue();
        assertThat(leases.cancel(ticket)).isFalse();
    }

    private List<QueuedRequest> queue() {
        return new WaitQueue(stores.store(), clock, leases.timings()).list();
    }

    private long waiterHeartbeat(WaitTicket ticket) {
        return stores.store().jdbc().queryForObject("SELECT heartbeat_at FROM pool_wait WHERE request_id = ?",
                Long.class, ticket.requestId());
    }

    @Test
    void enqueueRefusesARequestThePoolCanNeverGrant() throws Exception {
        open();
        inventory.add("n1", "A40", 2, 48, false);
        assertThatThrownBy(() -> leases.enqueue(LeaseRequest.of("acme", 3)))
                .isInstanceOf(UnsatisfiableRequestException.class)
                .hasMessage("3 GPUs requested but no node has more than 2 GPUs of one model");
        assertThat(queue()).isEmpty();
    }

    @Test
    void lostNodesLiveLeasesAreReclaimedEndingAtTheirLastHeartbeat() throws Exception {
        open();
        inventory.add("lost", "A40", 3, 48, false);
        inventory.add("fine", "H100", 1, 80, false);
        Lease two = leases.acquire(LeaseRequest.of("acme", 2).withGpuModel("A40"), WaitPolicy.noWait());
        long grantedAt = clock.millis();
        Lease done = leases.acquire(LeaseRequest.of("beta", 1).withGpuModel("A40"), WaitPolicy.noWait());
        Lease elsewhere = leases.acquire(LeaseRequest.of("acme", 1).withGpuModel("H100"), WaitPolicy.noWait());
        clock.advance(Duration.ofSeconds(3));
        assertThat(leases.heartbeat(two.id())).isTrue();
        long lastHeartbeat = clock.millis();
        leases.release(done.id(), LeaseOutcome.COMPLETED);
        clock.advance(Duration.ofSeconds(4));

        List<ReclaimedLease> lost = leases.reclaimNode("lost");
        assertThat(lost).containsExactly(new ReclaimedLease(two.id(), "acme", "lost", "A40", 2, grantedAt,
                lastHeartbeat, clock.millis()));
        assertThat(reclaimed).isEqualTo(lost);
        assertThat(stores.store().jdbc().queryForObject("SELECT outcome FROM pool_lease WHERE id = ?", String.class,
                two.id())).isEqualTo("reclaimed");
        assertThat(inventory.node("lost").orElseThrow().count(DeviceState.AVAILABLE)).isEqualTo(3);
        assertThat(leases.heartbeat(two.id())).isFalse();
        assertThat(leases.liveLease(elsewhere.id())).as("another node's lease runs on").isPresent();

        assertThat(leases.reclaimNode("lost")).as("reclaimed once").isEmpty();
        assertThat(leases.reclaimNode("nowhere")).isEmpty();
        assertThat(reclaimed).hasSize(1);
    }

    @Test
    void leaseOfAHolderOnThisHostThatHasExitedIsReclaimedAtTheNextGrantWithoutWaitingForItsTtl() throws Exception {
        open();
        inventory.add("n1", "A40", 2, 48, true);
        Lease live = leases.acquire(LeaseRequest.of("alive", 1), WaitPolicy.noWait());
        LeaseService exited = new LeaseService(stores.store(), clock, LocalHolders.exited(), leases.timings(),
                clock::advance);
        Lease dead = exited.acquire(LeaseRequest.of("doomed", 1), WaitPolicy.noWait());
        long grantedAt = clock.millis();
        clock.advance(Duration.ofSeconds(1));

        // One grant attempt: 9 s before the lease expires, only the dead-holder check can free its device.
        Optional<Lease> next = leases.tryAcquire(leases.enqueue(LeaseRequest.of("next", 1)));
        assertThat(next).as("the exited holder's device is granted at the next grant").isPresent();
        assertThat(next.get().devices()).isEqualTo(dead.devices());
        assertThat(reclaimed).singleElement().satisfies(r -> {
            assertThat(r.leaseId()).isEqualTo(dead.id());
            assertThat(r.tenant()).isEqualTo("doomed");
            assertThat(r.lastHeartbeatMillis()).isEqualTo(grantedAt);
            assertThat(r.reclaimedAtMillis()).isEqualTo(clock.millis());
        });
        assertThat(stores.store().jdbc().queryForObject("SELECT outcome FROM pool_lease WHERE id = ?", String.class,
                dead.id())).isEqualTo("reclaimed");
        assertThat(leases.liveLease(live.id())).as("the live holder on this host keeps its lease").isPresent();
        assertThat(leases.heartbeat(live.id())).isTrue();
        assertThat(exited.heartbeat(dead.id())).isFalse();
    }

    @Test
    void drainingNodeTakesNoLeasesAndGetsItsDevicesBackAsDraining() throws Exception {
        open();
        inventory.add("n1", "A40", 2, 48, true);
        Lease lease = leases.acquire(LeaseRequest.of("acme", 1), WaitPolicy.noWait());
        PoolNode drained = inventory.drain("n1");
        assertThat(drained.count(DeviceState.DRAINING)).isEqualTo(1);
        assertThat(drained.count(DeviceState.LEASED)).isEqualTo(1);
        assertThatThrownBy(() -> leases.acquire(LeaseRequest.of("acme", 1), WaitPolicy.noWait()))
                .isInstanceOf(NoCapacityException.class).hasMessage("no capacity: 0 of 2 GPUs free, 1 requested");

        assertThatThrownBy(() -> inventory.remove("n1")).isInstanceOf(PoolRequestException.class)
                .hasMessageContaining("node 'n1' has leased devices (lease " + lease.id());
        leases.release(lease.id(), LeaseOutcome.STOPPED);
        assertThat(inventory.node("n1").orElseThrow().count(DeviceState.DRAINING)).isEqualTo(2);

        assertThat(inventory.undrain("n1").count(DeviceState.AVAILABLE)).isEqualTo(2);
        assertThat(leases.acquire(LeaseRequest.of("acme", 2), WaitPolicy.noWait()).devices()).containsExactly(0, 1);
    }

    @Test
    void overQuotaRequestWaitsWithoutHoldingBackOtherTenants() throws Exception {
        open();
        inventory.add("n1", "A40", 4, 48, true);
        new TenantQuotas(stores.store(), clock).set("alpha", 2);
        // beta used the pool for an hour, so alpha is ahead of it in the queue.
        Lease earlier = leases.acquire(LeaseRequest.of("beta", 2), WaitPolicy.noWait());
        clock.advance(Duration.ofHours(1));
        leases.release(earlier.id(), LeaseOutcome.COMPLETED);
        Lease held = leases.acquire(LeaseRequest.of("alpha", 2), WaitPolicy.noWait());

        assertThatThrownBy(() -> leases.acquire(LeaseRequest.of("alpha", 1), WaitPolicy.noWait()))
                .isInstanceOf(NoCapacityException.class)
                .hasMessage("no capacity: tenant alpha holds 2 of its 2 GPU quota, 1 requested");

        WaitTicket alpha = leases.enqueue(LeaseRequest.of("alpha", 1));
        clock.advance(Duration.ofMillis(1));
        WaitTicket beta = leases.enqueue(LeaseRequest.of("beta", 2));
        assertThat(leases.tryAcquire(alpha)).isEmpty();
        List<QueuedRequest> queue = queue();
        assertThat(queue).extracting(QueuedRequest::tenant, QueuedRequest::overQuota)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("alpha", true),
                        org.assertj.core.groups.Tuple.tuple("beta", false));
        assertThat(leases.tryAcquire(beta)).as("a capped tenant ahead does not block others").isPresent();
        assertThat(leases.tryAcquire(alpha)).isEmpty();

        leases.release(held.id(), LeaseOutcome.COMPLETED);
        assertThat(leases.tryAcquire(alpha)).isPresent();
    }

    @Test
    void waiterThatStopsPollingDropsOutOfTheQueue() throws Exception {
        open();
        inventory.add("n1", "A40", 1, 48, true);
        Lease held = leases.acquire(LeaseRequest.of("alpha", 1), WaitPolicy.noWait());
        WaitTicket dead = leases.enqueue(LeaseRequest.of("alpha", 1).withJobLabel("dead"));
        clock.advance(leases.timings().waiterTtl().plusMillis(1));
        WaitTicket alive = leases.enqueue(LeaseRequest.of("beta", 1));
        leases.release(held.id(), LeaseOutcome.COMPLETED);

        assertThat(leases.tryAcquire(alive)).as("the silent waiter ahead no longer counts").isPresent();
        assertThat(queue()).isEmpty();
        assertThat(leases.cancel(dead)).isFalse();
    }

    @Test
    void waiterIsAliveForExactlyTheWaiterTtlAndALatePollKeepsItsOwnPlace() throws Exception {
        open();
        inventory.add("n1", "A40", 1, 48, true);
        Lease held = leases.acquire(LeaseRequest.of("alpha", 1), WaitPolicy.noWait());
        WaitTicket silent = leases.enqueue(LeaseRequest.of("beta", 1).withJobLabel("silent"));
        WaitTicket late = leases.enqueue(LeaseRequest.of("beta", 1).withJobLabel("late"));
        clock.advance(leases.timings().waiterTtl());
        assertThatThrownBy(() -> leases.acquire(LeaseRequest.of("gamma", 1), WaitPolicy.noWait()))
                .hasMessage("no capacity: 0 of 1 GPUs free, 1 requested, 2 requests ahead in the queue");
        assertThat(leases.heartbeat(held.id())).isTrue();

        clock.advance(Duration.ofMillis(1));
        // Both are past the TTL now: the one that polls again keeps its place, the silent one drops out.
        assertThat(leases.tryAcquire(late)).isEmpty();
        assertThat(queue()).extracting(QueuedRequest::jobLabel)
                .containsExactly("late");
        assertThat(leases.cancel(silent)).isFalse();
        assertThatThrownBy(() -> leases.acquire(LeaseRequest.of("gamma", 1), WaitPolicy.noWait()))
                .hasMessage("no capacity: 0 of 1 GPUs free, 1 requested, 1 request ahead in the queue");
        leases.release(held.id(), LeaseOutcome.COMPLETED);
        assertThatThrownBy(() -> leases.acquire(LeaseRequest.of("gamma", 1), WaitPolicy.noWait()))
                .as("the free device is the waiter's").hasMessage("no capacity: 1 of 1 GPUs free, 1 requested, "
                        + "1 request ahead in the queue");
    }

    @Test
    void waiterThatKeepsPollingKeepsItsPlacePastTheWaiterTtl() throws Exception {
        open();
        inventory.add("n1", "A40", 1, 48, true);
        Lease held = leases.acquire(LeaseRequest.of("alpha", 1), WaitPolicy.noWait());
        WaitTicket first = leases.enqueue(LeaseRequest.of("beta", 1).withJobLabel("first"));
        Duration third = leases.timings().waiterTtl().dividedBy(3);
        for (int poll = 0; poll < 9; poll++) {
            clock.advance(third);
            assertThat(leases.heartbeat(held.id())).isTrue();
            assertThat(leases.tryAcquire(first)).isEmpty();
        }
        WaitTicket second = leases.enqueue(LeaseRequest.of("beta", 1).withJobLabel("second"));
        clock.advance(Duration.ofMillis(1));
        assertThat(leases.tryAcquire(second)).isEmpty();
        assertThat(queue()).as("three waiter TTLs later")
                .extracting(QueuedRequest::jobLabel).containsExactly("first", "second");
        WaitTicket last = leases.enqueue(LeaseRequest.of("beta", 1).withJobLabel("third"));
        assertThatThrownBy(() -> leases.acquire(LeaseRequest.of("gamma", 1), WaitPolicy.noWait()))
                .hasMessage("no capacity: 0 of 1 GPUs free, 1 requested, 3 requests ahead in the queue");
        leases.cancel(last);
        assertThatThrownBy(() -> leases.acquire(LeaseRequest.of("gamma", 1), WaitPolicy.noWait()))
                .hasMessage("no capacity: 0 of 1 GPUs free, 1 requested, 2 requests ahead in the queue");
        leases.cancel(second);
        assertThatThrownBy(() -> leases.acquire(LeaseRequest.of("gamma", 1), WaitPolicy.noWait()))
                .hasMessage("no capacity: 0 of 1 GPUs free, 1 requested, 1 request ahead in the queue");
        leases.release(held.id(), LeaseOutcome.COMPLETED);
        assertThat(leases.tryAcquire(first)).isPresent();
    }

    @Test
    void waitingAcquireIsGrantedAfterARelease() throws Exception {
        open();
        inventory.add("n1", "H100", 1, 80, false);
        Lease held = leases.acquire(LeaseRequest.of("alpha", 1), WaitPolicy.noWait());
        List<QueuePosition> positions = new ArrayList<>();
        // The sleeper stands for the time between polls: on the third poll the holder releases.
        List<Integer> queued = new ArrayList<>();
        LeaseService waiting = new LeaseService(stores.store(), clock, holder, leases.timings(), d -> {
            queued.add(queue().size());
            clock.advance(d);
            if (positions.size() == 3) {
                leases.release(held.id(), LeaseOutcome.COMPLETED);
            }
        });
        Lease granted = waiting.acquire(LeaseRequest.of("beta", 1).withGpuModel("H100"),
                WaitPolicy.untilGranted().onWaiting(positions::add));
        assertThat(granted.tenant()).isEqualTo("beta");
        assertThat(queued).as("waiting in the queue between polls").containsExactly(1, 1, 1);
        assertThat(positions).hasSize(3).allSatisfy(p -> {
            assertThat(p.position()).isEqualTo(1);
            assertThat(p.reason()).isEqualTo("no capacity: 0 of 1 H100 free, 1 requested");
        });
        assertThat(queue()).isEmpty();

        List<QueuePosition> polls = new ArrayList<>();
        assertThatThrownBy(() -> leases.acquire(LeaseRequest.of("alpha", 1),
                WaitPolicy.upTo(Duration.ofSeconds(1)).onWaiting(polls::add)))
                .isInstanceOf(NoCapacityException.class)
                .hasMessage("no capacity after waiting 1 s: 0 of 1 GPUs free, 1 requested");
        assertThat(polls).as("polls at 0, 200, ... 1000 ms: it gives up once the timeout is reached").hasSize(6);
        assertThat(queue()).as("gave up its place").isEmpty();
    }

    @Test
    void poolReportsWhetherItHasRealOrSimulatedDevices() throws Exception {
        open();
        assertThat(leases.hasDevices()).isFalse();
        inventory.add("sim", "A40", 2, 48, true);
        assertThat(leases.hasDevices()).isTrue();
        assertThat(leases.hasRealDevices()).isFalse();
        assertThat(inventory.isSimulated("sim")).contains(true);
        assertThat(inventory.isSimulated("nope")).isEmpty();
        inventory.add("real", "A40", 1, 48, false);
        assertThat(leases.hasRealDevices()).isTrue();
        assertThat(Optional.of(inventory.node("real").orElseThrow().simulated())).contains(false);
    }
}
