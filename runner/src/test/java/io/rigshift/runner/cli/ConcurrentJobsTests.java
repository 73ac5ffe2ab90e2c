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
        List<Integer> listings = new ArrayList<>();
        while (first.process().isAlive() || second.process().isAlive()) {
            ChildRigshift jobs = ChildRigshift.start(logs, "jobs", "jobs", "--format", "json", "--home", home.toString());
            listings.add(jobs.waitFor(60));
        }
        assertEquals(0, first.waitFor(120), first.out() + first.err());
        assertEquals(0, second.waitFor(120), second.out() + second.err());
        assertTrue(!listings.isEmpty() && listings.stream().allMatch(code -> code == 0), "jobs exit codes " + listings);

        CliRun jobs = CliRun.of("jobs", "--format", "json", "--home", home.toString());
        JsonNode listed = new ObjectMapper().readTree(jobs.out()).get("jobs");
        assertEquals(2, listed.size(), jobs.out());
        for (JsonNode job : listed) {
            assertEquals("COMPLETED", job.get("status").asText(), jobs.out());
        }
    }
}
