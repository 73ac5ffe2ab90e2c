package io.rigshift.runner.pool;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** What a user may ask of the pool, and the pool's clocks: each rule's edge accepted, one past it refused. */
class PoolRequestRulesTests {

    @Test
    void namesAreCheckedAtTheirLongestAndRefusedNamingTheValue() {
        String node64 = "n".repeat(64);
        assertThat(PoolNames.node(node64)).isEqualTo(node64);
        assertThatThrownBy(() -> PoolNames.node(node64 + "x")).isInstanceOf(PoolRequestException.class)
                .hasMessageStartingWith("invalid node name '" + node64 + "x'");
        assertThatThrownBy(() -> PoolNames.node(null)).hasMessageStartingWith("invalid node name 'null'");
        assertThat(PoolNames.gpuModel("H100-80GB")).isEqualTo("H100-80GB");
        assertThatThrownBy(() -> PoolNames.gpuModel("-A40")).hasMessageStartingWith("invalid GPU model '-A40'");
        assertThatThrownBy(() -> PoolNames.gpuModel(null)).hasMessageStartingWith("invalid GPU model 'null'");
        String tenant63 = "t".repeat(63);
        assertThat(PoolNames.tenant(tenant63)).isEqualTo(tenant63);
        assertThatThrownBy(() -> PoolNames.tenant(tenant63 + "t")).hasMessageStartingWith("invalid tenant");
        assertThatThrownBy(() -> PoolNames.tenant(null)).hasMessageStartingWith("invalid tenant 'null'");
    }

    @Test
    void smallestValidValuesAreAccepted() {
        assertThat(PoolNames.positive("--gpus", 1, 8)).isEqualTo(1);
        assertThat(PoolNames.positive("--gpus", 8, 8)).isEqualTo(8);
        assertThatThrownBy(() -> PoolNames.positive("--gpus", 9, 8)).hasMessage("--gpus 9 is out of range: allowed 1-8");
        assertThat(new LeaseRequest("acme", 1, Optional.empty(), "job").gpus()).isEqualTo(1);
        LeaseTimings shortest = new LeaseTimings(Duration.ofMillis(1), Duration.ofMillis(2), Duration.ofMillis(1));
        assertThat(shortest.leaseTtl()).isEqualTo(Duration.ofMillis(1));
        for (LeaseOutcome outcome : LeaseOutcome.values()) {
            assertThat(LeaseOutcome.ofColumn(outcome.column())).isSameAs(outcome);
        }
    }

    @Test
    void requestLabelIsStrippedCutToItsMaximumOrADash() {
        assertThat(LeaseRequest.of("acme", 1).withJobLabel("  train  ").jobLabel()).isEqualTo("train");
        assertThat(LeaseRequest.of("acme", 1).withJobLabel(" ").jobLabel()).isEqualTo("-");
        assertThat(LeaseRequest.of("acme", 1).withJobLabel(null).jobLabel()).isEqualTo("-");
        String longest = "x".repeat(LeaseRequest.MAX_LABEL);
        assertThat(LeaseRequest.of("acme", 1).withJobLabel(longest).jobLabel()).isEqualTo(longest);
        assertThat(LeaseRequest.of("acme", 1).withJobLabel(longest + "yz").jobLabel()).isEqualTo(longest);
        LeaseRequest a40 = LeaseRequest.of("acme", 1).withGpuModel("A40").withJobLabel("job");
        assertThat(a40).isEqualTo(new LeaseRequest("acme", 1, Optional.of("A40"), "job"));
        assertThatThrownBy(() -> LeaseRequest.of("acme", 1).withGpuModel("bad model"))
                .isInstanceOf(PoolRequestException.class);
    }

    @Test
    void timingsAreAtLeastOneMillisecondAndTheWaiterOutlivesTwoPolls() {
        Duration ms = Duration.ofMillis(1);
        LeaseTimings least = new LeaseTimings(ms, Duration.ofMillis(2), ms);
        assertThat(least.waiterTtl()).isEqualTo(Duration.ofMillis(2));
        assertThatThrownBy(() -> new LeaseTimings(Duration.ZERO, Duration.ofMillis(2), ms))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("lease timings must be at least 1 ms");
        assertThatThrownBy(() -> new LeaseTimings(ms, Duration.ZERO, ms)).hasMessageStartingWith("lease timings");
        assertThatThrownBy(() -> new LeaseTimings(ms, Duration.ofMillis(2), Duration.ZERO))
                .hasMessageStartingWith("lease timings");
        assertThatThrownBy(() -> new LeaseTimings(ms, Duration.ofMillis(3), Duration.ofMillis(2)))
                .hasMessage("waiter TTL PT0.003S must be at least two poll intervals (PT0.002S)");

        LeaseTimings defaults = LeaseTimings.defaults();
        assertThat(defaults).isEqualTo(new LeaseTimings(Duration.ofSeconds(90), Duration.ofSeconds(10),
                Duration.ofMillis(200)));
        assertThat(defaults.withLeaseTtl(Duration.ofSeconds(5)).leaseTtl()).isEqualTo(Duration.ofSeconds(5));
        assertThat(defaults.withPollInterval(Duration.ofSeconds(1)))
                .as("the waiter TTL already covers 10 polls").isEqualTo(new LeaseTimings(Duration.ofSeconds(90),
                        Duration.ofSeconds(10), Duration.ofSeconds(1)));
        assertThat(defaults.withPollInterval(Duration.ofSeconds(2)).waiterTtl()).as("raised to 10 polls")
                .isEqualTo(Duration.ofSeconds(20));
    }

    @Test
    void waitPolicySaysWhetherAndHowLongItWaits() {
        assertThat(WaitPolicy.noWait().waits()).isFalse();
        assertThat(WaitPolicy.untilGranted().waits()).isTrue();
        assertThat(WaitPolicy.untilGranted().timeout()).isEmpty();
        assertThat(WaitPolicy.upTo(Duration.ZERO).timeout()).contains(Duration.ZERO);
        assertThatThrownBy(() -> WaitPolicy.upTo(Duration.ofMillis(-1))).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("negative wait timeout PT-0.001S");
    }
}
