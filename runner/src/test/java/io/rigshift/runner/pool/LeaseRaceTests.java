package io.rigshift.runner.pool;

import static org.assertj.core.api.Assertions.assertThat;

import io.rigshift.runner.store.StorePlatform;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Two JVMs x 8 threads acquire and release leases of 1-2 devices on one node of 4: no device is
 * ever in two live leases, nothing deadlocks, and every lease ends released.
 */
class LeaseRaceTests {

    private static final Pattern RESULT = Pattern.compile("RESULT grants=(\\d+) noCapacity=(\\d+) violations=(\\d+)");
    private static final int PROCESSES = 2;
    private static final int THREADS = 8;

    @TempDir
    Path home;

    @ParameterizedTest(name = "{0}: 2 JVMs x 8 threads x {1} rounds")
    @CsvSource({"SQLITE, 250", "POSTGRESQL, 150"})
    void twoProcessesNeverLeaseADeviceTwice(StorePlatform platform, int rounds) throws Exception {
        try (TestStores stores = TestStores.open(platform, home)) {
            new PoolInventory(stores.store(), Clock.systemUTC()).add("race-node", "A40", 4, 48, true);
            JdbcTemplate jdbc = stores.store().jdbc();
            jdbc.execute("CREATE TABLE race_claim (node VARCHAR(64) NOT NULL, device_index INTEGER NOT NULL, "
                    + "lease_id VARCHAR(36) NOT NULL, PRIMARY KEY (node, device_index))");

            long start = System.nanoTime();
            List<ChildJvm> children = new java.util.ArrayList<>();
            for (int p = 0; p < PROCESSES; p++) {
                children.add(ChildJvm.start(LeaseRaceWorker.class, home.resolve("logs"), stores.location(),
                        "tenant-" + p, Integer.toString(THREADS), Integer.toString(rounds), Integer.toString(p + 1)));
            }
            long grants = 0;
            long noCapacity = 0;
            try {
                for (ChildJvm child : children) {
                    int exit = child.await(150);
                    assertThat(exit).as("child finished without deadlock or violation:\n" + child.output()).isZero();
                    Matcher m = RESULT.matcher(child.output());
                    assertThat(m.find()).as(child.output()).isTrue();
                    assertThat(Long.parseLong(m.group(3))).as("violations").isZero();
                    grants += Long.parseLong(m.group(1));
                    noCapacity += Long.parseLong(m.group(2));
                }
            } finally {
                children.forEach(ChildJvm::close);
            }
            double seconds = (System.nanoTime() - start) / 1e9;

            long expected = (long) PROCESSES * THREADS * rounds;
            assertThat(grants).isEqualTo(expected);
            assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM pool_lease", Long.class)).isEqualTo(expected);
            assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM pool_lease WHERE released_at IS NULL", Long.class))
                    .as("open leases").isZero();
            assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM pool_lease WHERE outcome <> 'completed'", Long.class))
                    .as("leases not released by their holder").isZero();
            assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM pool_device WHERE state = 'available'", Long.class))
                    .isEqualTo(4);
            assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM race_claim", Long.class)).isZero();
            System.out.printf("lease race on %s: %d processes x %d threads, %d grants (%d no-capacity retries), "
                    + "0 over-allocations, 0 open leases, %.1f s%n", platform, PROCESSES, THREADS, grants, noCapacity, seconds);
        }
    }
}
