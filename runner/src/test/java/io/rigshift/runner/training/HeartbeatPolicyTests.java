package io.rigshift.runner.training;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;

import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The timing rules at their exact edges: 1 ms beats, a TTL of two beats, stale no sooner than the TTL. */
class HeartbeatPolicyTests {

    private static final String INTERVAL = "rigshift.heartbeat.ms";
    private static final String TTL = "rigshift.lease-ttl.ms";
    private static final String STALE = "rigshift.stale-after.ms";

    @AfterEach
    void defaultTimings() {
        System.clearProperty(INTERVAL);
        System.clearProperty(TTL);
        System.clearProperty(STALE);
    }

    @Test
    void theSmallestPolicyIsOneMillisecondBeatsATtlOfTwoBeatsAndStaleAtTheTtl() {
        HeartbeatPolicy policy = policy(1, 2, 2);

        assertThat(policy.interval()).isEqualTo(Duration.ofMillis(1));
        assertThat(policy.leaseTtl()).isEqualTo(Duration.ofMillis(2));
        assertThat(policy.staleAfter()).isEqualTo(Duration.ofMillis(2));
        assertThat(policy.storePatience()).isEqualTo(Duration.ofMillis(1));
    }

    @Test
    void anIntervalUnderOneMillisecondIsRefused() {
        assertThatIllegalArgumentException().isThrownBy(() -> policy(0, 2, 2))
                .withMessage("heartbeat policy must have interval >= 1 ms, lease TTL >= 2 intervals and stale-after "
                        + ">= lease TTL: PT0S, PT0.002S, PT0.002S");
        assertThatIllegalArgumentException().isThrownBy(() -> new HeartbeatPolicy(Duration.ofNanos(999_999),
                Duration.ofMillis(2), Duration.ofMillis(2)));
    }

    @Test
    void aLeaseTtlOneMillisecondShortOfTwoIntervalsIsRefused() {
        assertThat(policy(10, 20, 20).leaseTtl()).isEqualTo(Duration.ofMillis(20));
        assertThatIllegalArgumentException().isThrownBy(() -> policy(10, 19, 20))
                .withMessageEndingWith(": PT0.01S, PT0.019S, PT0.02S");
    }

    @Test
    void staleAfterOneMillisecondShortOfTheLeaseTtlIsRefused() {
        assertThat(policy(10, 30, 30).staleAfter()).isEqualTo(Duration.ofMillis(30));
        assertThatIllegalArgumentException().isThrownBy(() -> policy(10, 30, 29))
                .withMessageEndingWith(": PT0.01S, PT0.03S, PT0.029S");
    }

    @Test
    void eachTimingIsRequired() {
        Duration ms = Duration.ofMillis(1);
        assertThatNullPointerException().isThrownBy(() -> new HeartbeatPolicy(null, ms, ms)).withMessage("interval");
        assertThatNullPointerException().isThrownBy(() -> new HeartbeatPolicy(ms, null, ms)).withMessage("leaseTtl");
        assertThatNullPointerException().isThrownBy(() -> new HeartbeatPolicy(ms, ms, null)).withMessage("staleAfter");
    }

    @Test
    void storeWritesAreRetriedOneIntervalShortOfTheLeaseTtl() {
        assertThat(HeartbeatPolicy.DEFAULT.storePatience()).isEqualTo(Duration.ofSeconds(75));
        assertThat(policy(10, 100, 100).storePatience()).isEqualTo(Duration.ofMillis(90));
    }

    @Test
    void thePolicyInForceIsTheDefaultWithoutProperties() {
        assertThat(HeartbeatPolicy.current()).isEqualTo(HeartbeatPolicy.DEFAULT);
        assertThat(HeartbeatPolicy.current().leaseTimings().leaseTtl()).isEqualTo(Duration.ofSeconds(90));
    }

    @Test
    void aFasterHeartbeatKeepsTheDefaultTtlAndStaleness() {
        System.setProperty(INTERVAL, "50");

        assertThat(HeartbeatPolicy.current()).isEqualTo(policy(50, 90_000, 300_000));
    }

    @Test
    void aSlowHeartbeatStretchesTheTtlToTwoBeatsAndStalenessToTheTtl() {
        System.setProperty(INTERVAL, "60000");
        assertThat(HeartbeatPolicy.current()).isEqualTo(policy(60_000, 120_000, 300_000));

        System.setProperty(INTERVAL, "200000");
        assertThat(HeartbeatPolicy.current()).isEqualTo(policy(200_000, 400_000, 400_000));
    }

    @Test
    void eachTimingCanBeSetOnItsOwn() {
        System.setProperty(INTERVAL, "10");
        System.setProperty(TTL, "25");
        System.setProperty(STALE, "40");

        assertThat(HeartbeatPolicy.current()).isEqualTo(policy(10, 25, 40));
        assertThat(HeartbeatPolicy.current().leaseTimings().leaseTtl()).isEqualTo(Duration.ofMillis(25));
    }

    private static HeartbeatPolicy policy(long intervalMs, long ttlMs, long staleMs) {
        return new HeartbeatPolicy(Duration.ofMillis(intervalMs), Duration.ofMillis(ttlMs), Duration.ofMillis(staleMs));
    }
}
