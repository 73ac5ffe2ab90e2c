package io.rigshift.runner.pool;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.rigshift.runner.store.StorePlatform;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/** The host's view of the pool: what {@code pool add}, drain, undrain and remove accept, refuse and leave behind. */
@ParameterizedClass
@EnumSource(StorePlatform.class)
class PoolInventoryTests {

    @Parameter
    StorePlatform platform;

    @TempDir
    Path home;

    private final TestClock clock = new TestClock();
    private TestStores stores;
    private PoolInventory inventory;

    @BeforeEach
    void open() throws Exception {
        stores = TestStores.open(platform, home);
        inventory = new PoolInventory(stores.store(), clock);
    }

    @AfterEach
    void close() throws Exception {
        stores.close();
    }

    @Test
    void addTakesEachLimitAtItsEdgeAndRefusesOnePastIt() {
        PoolNode node = inventory.add("edge", "A40", PoolInventory.MAX_DEVICES_PER_NODE, PoolInventory.MAX_MEMORY_GIB,
                false);
        assertThat(node.devices()).hasSize(64).allSatisfy(d -> assertThat(d.memoryGib()).isEqualTo(4096));
        assertThat(inventory.add("one", "A40", 1, 1, false).devices()).singleElement()
                .satisfies(d -> assertThat(d.memoryGib()).isEqualTo(1));

        assertThatThrownBy(() -> inventory.add("n1", "A40", 0, 48, false)).isInstanceOf(PoolRequestException.class)
                .hasMessage("--count 0 is out of range: allowed 1-64");
        assertThatThrownBy(() -> inventory.add("n1", "A40", 65, 48, false))
                .hasMessage("--count 65 is out of range: allowed 1-64");
        assertThatThrownBy(() -> inventory.add("n1", "A40", 1, 0, false))
                .hasMessage("--memory-gib 0 is out of range: allowed 1-4096");
        assertThatThrownBy(() -> inventory.add("n1", "A40", 1, 4097, false))
                .hasMessage("--memory-gib 4097 is out of range: allowed 1-4096");
        assertThatThrownBy(() -> inventory.add("bad node", "A40", 1, 48, false))
                .hasMessageStartingWith("invalid node name 'bad node'");
        assertThatThrownBy(() -> inventory.add("n1", "bad model", 1, 48, false))
                .hasMessageStartingWith("invalid GPU model 'bad model'");
        assertThat(inventory.list()).extracting(PoolNode::name).containsExactly("edge", "one");
    }

    @Test
    void addToAnExistingNodeTakesTheNextIndexesUpToSixtyFourDevices() {
        PoolNode first = inventory.add("n1", "A40", 2, 48, true);
        assertThat(first.addedAt()).isEqualTo(clock.instant());
        clock.advance(Duration.ofMinutes(1));
        PoolNode node = inventory.add("n1", "H100", 61, 80, true);
        assertThat(node.addedAt()).as("the node keeps its first time").isEqualTo(first.addedAt());
        assertThat(node.devices()).hasSize(63);
        assertThat(node.devices().get(2)).isEqualTo(new PoolDevice("n1", 2, "H100", 80, DeviceState.AVAILABLE,
                Optional.empty(), Optional.empty()));

        assertThatThrownBy(() -> inventory.add("n1", "H100", 2, 80, true)).isInstanceOf(PoolRequestException.class)
                .hasMessage("--count 2 would give node 'n1' 65 devices: allowed at most 64 per node");
        assertThat(inventory.add("n1", "H100", 1, 80, true).devices()).extracting(PoolDevice::index)
                .as("the 64th device fits").endsWith(62, 63);
    }

    @Test
    void aNodeIsSimulatedOrRealAsAWhole() {
        inventory.add("sim", "A40", 1, 48, true);
        inventory.add("real", "A40", 1, 48, false);
        assertThat(inventory.isSimulated("real")).contains(false);
        assertThat(inventory.isSimulated("sim")).contains(true);
        assertThatThrownBy(() -> inventory.add("sim", "A40", 1, 48, false)).isInstanceOf(PoolRequestException.class)
                .hasMessage("node 'sim' is simulated: add with --simulated, or use another node name");
        assertThatThrownBy(() -> inventory.add("real", "A40", 1, 48, true))
                .hasMessage("node 'real' is real: add without --simulated, or use another node name");
        assertThat(inventory.list()).allSatisfy(n -> assertThat(n.devices()).hasSize(1));
    }

    @Test
    void devicesAddedToADrainingNodeAreDrainingUntilItIsUndrained() {
        inventory.add("n1", "A40", 1, 48, false);
        PoolNode drained = inventory.drain("n1");
        assertThat(drained.draining()).isTrue();
        assertThat(inventory.add("n1", "A40", 2, 48, false).count(DeviceState.DRAINING)).isEqualTo(3);
        PoolNode undrained = inventory.undrain("n1");
        assertThat(undrained.draining()).isFalse();
        assertThat(undrained.count(DeviceState.AVAILABLE)).isEqualTo(3);
    }

    @Test
    void listShowsLeasesAndTheDevicesAReleaseFreedOnADrainingNodeAsDraining() throws Exception {
        inventory.add("b", "A40", 2, 48, false);
        inventory.add("a", "H100", 1, 80, true);
        Lease lease = new LeaseService(stores.store(), clock, LocalHolders.alive())
                .acquire(LeaseRequest.of("acme", 1).withGpuModel("A40"), WaitPolicy.noWait());
        // A release that raced the drain left a free device 'available' on the draining node.
        stores.store().jdbc().update("UPDATE pool_node SET draining = ? WHERE name = 'b'", true);

        assertThat(inventory.list()).extracting(PoolNode::name).containsExactly("a", "b");
        PoolNode b = inventory.node("b").orElseThrow();
        assertThat(b.devices()).containsExactly(
                new PoolDevice("b", 0, "A40", 48, DeviceState.LEASED, Optional.of(lease.id()), Optional.of("acme")),
                new PoolDevice("b", 1, "A40", 48, DeviceState.DRAINING, Optional.empty(), Optional.empty()));
        PoolNode a = inventory.node("a").orElseThrow();
        assertThat(a.simulated()).isTrue();
        assertThat(a.draining()).isFalse();
        assertThat(a.addedAt()).isEqualTo(Instant.ofEpochMilli(clock.millis()));
        assertThat(a.devices()).extracting(PoolDevice::gpuModel).containsExactly("H100");
        assertThat(inventory.node("c")).isEmpty();
    }

    @Test
    void unknownNodesAreRefusedNamingTheNodesThereAre() {
        assertThatThrownBy(() -> inventory.drain("n1")).isInstanceOf(PoolRequestException.class)
                .hasMessage("no node 'n1' in the pool: the pool is empty");
        inventory.add("b", "A40", 1, 48, false);
        inventory.add("a", "A40", 1, 48, false);
        assertThatThrownBy(() -> inventory.undrain("n1")).hasMessage("no node 'n1' in the pool: nodes are a, b");
        assertThatThrownBy(() -> inventory.remove("n1")).hasMessage("no node 'n1' in the pool: nodes are a, b");
        assertThatThrownBy(() -> inventory.remove("bad node")).hasMessageStartingWith("invalid node name 'bad node'");
        assertThatThrownBy(() -> inventory.drain("bad node")).hasMessageStartingWith("invalid node name 'bad node'");
    }

    @Test
    void removeTakesANodeAndItsDevicesOutOnceNoneIsLeased() throws Exception {
        inventory.add("n1", "A40", 2, 48, false);
        inventory.add("n2", "A40", 1, 48, false);
        LeaseService leases = new LeaseService(stores.store(), clock, LocalHolders.alive());
        Lease first = leases.acquire(LeaseRequest.of("acme", 1), WaitPolicy.noWait());
        Lease second = leases.acquire(LeaseRequest.of("acme", 1), WaitPolicy.noWait());
        assertThat(first.node()).isEqualTo("n2");
        Lease third = leases.acquire(LeaseRequest.of("acme", 1), WaitPolicy.noWait());
        assertThat(second.node()).isEqualTo(third.node()).isEqualTo("n1");
        String both = second.id().compareTo(third.id()) < 0 ? second.id() + ", " + third.id()
                : third.id() + ", " + second.id();
        assertThatThrownBy(() -> inventory.remove("n1")).isInstanceOf(PoolRequestException.class)
                .hasMessage("node 'n1' has leased devices (lease " + both + "): drain it with 'rigshift pool drain n1'"
                        + " and remove it once they are released");

        leases.release(second.id(), LeaseOutcome.COMPLETED);
        leases.release(third.id(), LeaseOutcome.COMPLETED);
        inventory.remove("n1");
        assertThat(inventory.list()).extracting(PoolNode::name).containsExactly("n2");
        assertThat(stores.store().jdbc().queryForObject("SELECT COUNT(*) FROM pool_device WHERE node = 'n1'",
                Integer.class)).isZero();
        assertThat(inventory.add("n1", "H100", 1, 80, true).devices()).extracting(PoolDevice::index)
                .as("a node added again starts from index 0").containsExactly(0);
    }
}
