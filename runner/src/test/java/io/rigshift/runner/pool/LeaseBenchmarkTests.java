package io.rigshift.runner.pool;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/** Runs {@link LeaseBenchmark} only when asked: {@code -Drigshift.benchmark=true}. */
@EnabledIfSystemProperty(named = "rigshift.benchmark", matches = "true")
class LeaseBenchmarkTests {

    @Test
    void printsLeaseThroughputAndHandoffLatency() throws Exception {
        LeaseBenchmark.run(System.out);
    }
}
