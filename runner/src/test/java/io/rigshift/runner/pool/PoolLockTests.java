package io.rigshift.runner.pool;

import static org.assertj.core.api.Assertions.assertThat;

import io.rigshift.runner.store.StorePlatform;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * On PostgreSQL every inventory, quota and queue change, grant and reclaim waits for the pool lock, so none of them
 * interleaves with another process's grant. (On SQLite the IMMEDIATE transaction is the lock.)
 */
class PoolLockTests {

    @TempDir
    Path home;

    private final TestClock clock = new TestClock();
    private TestStores stores;
    private PoolInventory inventory;
    private LeaseService leases;

    @BeforeEach
    void open() throws Exception {
        stores = TestStores.open(StorePlatform.POSTGRESQL, home);
        inventory = new PoolInventory(stores.store(), clock);
        leases = new LeaseService(stores.store(), clock, LocalHolders.alive());
    }

    @AfterEach
    void close() throws Exception {
        stores.close();
    }

    @Test
    void inventoryChangesWaitForThePoolLock() throws Exception {
        try (HeldPoolLock lock = HeldPoolLock.take(stores.store())) {
            Future<PoolNode> add = lock.waitingWrite(() -> inventory.add("n1", "A40", 2, 48, false));
            assertThat(lock.release(add).devices()).hasSize(2);
        }
        try (HeldPoolLock lock = HeldPoolLock.take(stores.store())) {
            Future<PoolNode> drain = lock.waitingWrite(() -> inventory.drain("n1"));
            assertThat(lock.release(drain).draining()).isTrue();
        }
        try (HeldPoolLock lock = HeldPoolLock.take(stores.store())) {
            Future<PoolNode> undrain = lock.waitingWrite(() -> inventory.undrain("n1"));
            assertThat(lock.release(undrain).draining()).isFalse();
        }
        try (HeldPoolLock lock = HeldPoolLock.take(stores.store())) {
            Future<Boolean> remove = lock.waitingWrite(() -> {
                inventory.remove("n1");
                return true;
            });
            assertThat(lock.release(remove)).isTrue();
        }
        assertThat(inventory.list()).isEmpty();
    }

    @Test
    void quotaChangesWaitForThePoolLock() throws Exception {
        TenantQuotas quotas = new TenantQuotas(stores.store(), clock);
        try (HeldPoolLock lock = HeldPoolLock.take(stores.store())) {
            Future<TenantQuota> set = lock.waitingWrite(() -> quotas.set("acme", 3));
            assertThat(lock.release(set).maxGpus()).isEqualTo(3);
        }
        try (HeldPoolLock lock = HeldPoolLock.take(stores.store())) {
            Future<Boolean> clear = lock.waitingWrite(() -> quotas.clear("acme"));
            assertThat(lock.release(clear)).isTrue();
        }
    }

    @Test
    void grantsQueueingAndReclaimsWaitForThePoolLock() throws Exception {
        inventory.add("n1", "A40", 1, 48, false);
        try (HeldPoolLock lock = HeldPoolLock.take(stores.store())) {
            Future<Lease> grant = lock.waitingWrite(() -> leases.acquire(LeaseRequest.of("acme", 1), WaitPolicy.noWait()));
            assertThat(lock.release(grant).node()).isEqualTo("n1");
        }
        try (HeldPoolLock lock = HeldPoolLock.take(stores.store())) {
            Future<WaitTicket> enqueue = lock.waitingWrite(() -> leases.enqueue(LeaseRequest.of("acme", 1)));
            assertThat(lock.release(enqueue).request().tenant()).isEqualTo("acme");
        }
        try (HeldPoolLock lock = HeldPoolLock.take(stores.store())) {
            Future<List<ReclaimedLease>> expired = lock.waitingWrite(leases::reclaimExpired);
            assertThat(lock.release(expired)).isEmpty();
        }
        try (HeldPoolLock lock = HeldPoolLock.take(stores.store())) {
            Future<List<ReclaimedLease>> lost = lock.waitingWrite(() -> leases.reclaimNode("n1"));
            assertThat(lock.release(lost)).singleElement().satisfies(r -> assertThat(r.node()).isEqualTo("n1"));
        }
    }
}
