package io.rigshift.runner.pool;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.rigshift.runner.store.StorePlatform;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A tenant's quota: set, replaced and cleared; it counts only live leases, and a request up to it fits. */
class TenantQuotasTests {

    @TempDir
    Path home;

    private final TestClock clock = new TestClock();
    private TestStores stores;
    private TenantQuotas quotas;
    private LeaseService leases;

    @BeforeEach
    void open() throws Exception {
        stores = TestStores.open(StorePlatform.SQLITE, home);
        quotas = new TenantQuotas(stores.store(), clock);
        leases = new LeaseService(stores.store(), clock, LocalHolders.alive(), LeaseTimings.defaults(), clock::advance);
        new PoolInventory(stores.store(), clock).add("n1", "A40", 4, 48, true);
    }

    @AfterEach
    void close() throws Exception {
        stores.close();
    }

    @Test
    void quotaIsSetReplacedAndClearedOnce() {
        assertThat(quotas.get("acme")).isEmpty();
        assertThat(quotas.set("acme", 2)).isEqualTo(new TenantQuota("acme", 2, 0));
        assertThat(quotas.set("acme", 3)).as("replaced, not added").isEqualTo(new TenantQuota("acme", 3, 0));
        quotas.set("beta", TenantQuotas.MAX_QUOTA);
        assertThat(quotas.list()).extracting(TenantQuota::tenant, TenantQuota::maxGpus).containsExactly(
                org.assertj.core.groups.Tuple.tuple("acme", 3),
                org.assertj.core.groups.Tuple.tuple("beta", TenantQuotas.MAX_QUOTA));

        assertThat(quotas.clear("acme")).isTrue();
        assertThat(quotas.clear("acme")).isFalse();
        assertThat(quotas.get("acme")).isEmpty();
    }

    @Test
    void quotaOutsideOneToTheMaximumIsRefusedNamingTheRange() {
        assertThatThrownBy(() -> quotas.set("acme", 0)).isInstanceOf(PoolRequestException.class)
                .hasMessage("--max-gpus 0 is out of range: allowed 1-4096");
        assertThatThrownBy(() -> quotas.set("acme", TenantQuotas.MAX_QUOTA + 1))
                .hasMessage("--max-gpus 4097 is out of range: allowed 1-4096");
        assertThatThrownBy(() -> quotas.set("Acme", 1)).hasMessageStartingWith("invalid tenant 'Acme'");
        assertThat(quotas.list()).isEmpty();
    }

    @Test
    void quotaCountsLiveLeasesAndARequestUpToItIsGranted() throws Exception {
        quotas.set("acme", 3);
        Lease two = leases.acquire(LeaseRequest.of("acme", 2), WaitPolicy.noWait());
        assertThat(quotas.get("acme").orElseThrow().inUse()).isEqualTo(2);
        Lease third = leases.acquire(LeaseRequest.of("acme", 1), WaitPolicy.noWait());
        assertThat(quotas.get("acme").orElseThrow().inUse()).as("exactly at the quota").isEqualTo(3);
        assertThatThrownBy(() -> leases.acquire(LeaseRequest.of("acme", 1), WaitPolicy.noWait()))
                .hasMessage("no capacity: tenant acme holds 3 of its 3 GPU quota, 1 requested");

        leases.release(two.id(), LeaseOutcome.COMPLETED);
        assertThat(quotas.get("acme").orElseThrow().inUse()).as("released leases do not count").isEqualTo(1);
        assertThat(leases.acquire(LeaseRequest.of("acme", 2), WaitPolicy.noWait()).devices()).hasSize(2);
        assertThat(leases.release(third.id(), LeaseOutcome.COMPLETED)).isTrue();
    }
}
