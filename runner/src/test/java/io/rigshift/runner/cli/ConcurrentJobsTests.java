package io.rigshift.runner.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Several rigshift processes share one home's SQLite store. */
class ConcurrentJobsTests {

    @TempDir
    Path home;

    @Test
    void twoSmokeJobsStartedTogetherBothCompleteWhileJobsRunsBeside() throws Exception {
        Path logs = home.resolve("test-logs");
        ChildRigshift first = ChildRigshift.start(logs, "a", "train", "--smoke", "--tenant", "alpha",
                "--home", home.toString());
        ChildRigshift second = ChildRigshift.start(logs, "b", "train", "--smoke", "--tenant", "beta",
                "--home", home.toString());
        List<Integer> exitCodes = new ArrayList<>();
        List<Long> runningPerListing = new ArrayList<>();
        while (first.process().isAlive() || second.process().isAlive()) {
            ChildRigshift jobs = ChildRigshift.start(logs, "jobs", "jobs", "--format", "json", "--home", home.toString());
            int code = jobs.waitFor(60);
            exitCodes.add(code);
            if (code == 0) {
                runningPerListing.add(countStarted(new ObjectMapper().readTree(jobs.out()).get("jobs")));
            }
        }
        assertEquals(0, first.waitFor(120), first.out() + first.err());
        assertEquals(0, second.waitFor(120), second.out() + second.err());
        assertTrue(!exitCodes.isEmpty() && exitCodes.stream().allMatch(code -> code == 0), "jobs exit codes " + exitCodes);
        // A listing taken while both jobs trained shows both running: the reads ran beside the writes.
        assertTrue(runningPerListing.contains(2L), "jobs STARTED per listing: " + runningPerListing);

        CliRun jobs = CliRun.of("jobs", "--format", "json", "--home", home.toString());
        JsonNode listed = new ObjectMapper().readTree(jobs.out()).get("jobs");
        assertEquals(2, listed.size(), jobs.out());
        for (JsonNode job : listed) {
            assertEquals("COMPLETED", job.get("status").asText(), jobs.out());
        }
    }

    private static long countStarted(JsonNode jobs) {
        long started = 0;
        for (JsonNode job : jobs) {
            started += "STARTED".equals(job.get("status").asText()) ? 1 : 0;
        }
        return started;
    }
}
