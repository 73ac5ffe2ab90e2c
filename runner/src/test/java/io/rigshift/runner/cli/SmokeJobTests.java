package io.rigshift.runner.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.rigshift.runner.training.RunKeys;
import io.rigshift.runner.batch.JobRepositories;
import io.rigshift.runner.store.RigshiftHome;
import io.rigshift.runner.store.Store;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.step.StepExecution;

/** The smoke job through the real Spring Batch job, in this JVM, against a temporary home. */
class SmokeJobTests {

    @TempDir
    Path home;

    @Test
    void smokeJobCompletesLowersTheLossAndLeavesItsArtifacts() throws Exception {
        CliRun run = CliRun.of("train", "--smoke", "--tenant", "demo", "--home", home.toString());
        assertEquals(0, run.exitCode(), run.err());

        try (Store store = Store.open(new RigshiftHome(home), Optional.empty())) {
            JobExecution execution = JobRepositories.jdbc(store).getJobExecution(1L);
            assertEquals(BatchStatus.COMPLETED, execution.getStatus());
            assertEquals(4, execution.getStepExecutions().size());
            StepExecution train = execution.getStepExecutions().stream()
                    .filter(s -> s.getStepName().equals("train")).findFirst().orElseThrow();
            double first = train.getExecutionContext().getDouble(RunKeys.CONTEXT_FIRST_LOSS);
            double last = train.getExecutionContext().getDouble(RunKeys.CONTEXT_LAST_LOSS);
            assertTrue(last < first, "loss fell: " + first + " -> " + last);
        }
        Path folder = home.resolve("jobs").resolve("1");
        for (String artifact : new String[] {"model/parameters.bin", "model/vocabulary.txt", "model/config.json",
            "evaluation.json", "loss-curve.png", "loss-history.json"}) {
            assertTrue(Files.size(folder.resolve(artifact)) > 0, artifact);
        }
        assertTrue(run.out().contains("artifacts: " + folder), run.out());

        CliRun jobs = CliRun.of("jobs", "--format", "json", "--home", home.toString());
        assertEquals(0, jobs.exitCode(), jobs.err());
        JsonNode listed = new ObjectMapper().readTree(jobs.out()).get("jobs");
        assertEquals(1, listed.size());
        assertEquals(1, listed.get(0).get("id").asLong());
        assertEquals("demo", listed.get(0).get("tenant").asText());
        assertEquals("COMPLETED", listed.get(0).get("status").asText());
        assertEquals("cpu", listed.get(0).get("device").asText());

        CliRun status = CliRun.of("status", "1", "--format", "json", "--home", home.toString());
        JsonNode steps = new ObjectMapper().readTree(status.out()).get("steps");
        assertEquals(4, steps.size());
        assertEquals("export", steps.get(3).get("name").asText());
    }
}
