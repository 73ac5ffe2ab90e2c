package io.rigshift.runner.batch;

import static org.assertj.core.api.Assertions.assertThat;

import io.rigshift.runner.store.RigshiftHome;
import io.rigshift.runner.store.Store;
import io.rigshift.runner.store.StoreRetry;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.infrastructure.item.ExecutionContext;

/** The hooks run before an ended execution is stored, only then, and never keep the end from the store. */
class JobEndsTests {

    @TempDir
    Path home;

    private Store store;
    private JobRepository plain;
    private final JobEnds ends = new JobEnds();

    @BeforeEach
    void openStore() {
        store = Store.open(new RigshiftHome(home), Optional.empty());
        plain = JobRepositories.jdbc(store);
    }

    @AfterEach
    void closeStore() {
        store.close();
    }

    @Test
    void theHooksRunBeforeTheEndIsStoredAndOnlyForAnEnd() {
        List<String> seen = new ArrayList<>();
        // What the store shows while the hook runs.
        ends.beforeEndStored(execution -> seen.add(execution.getStatus() + " over stored "
                + plain.getJobExecution(execution.getId()).getStatus()));
        JobRepository guarded = ends.guard(plain);
        JobExecution execution = started(guarded);
        assertThat(seen).as("a running execution's updates run no hook").isEmpty();

        execution.setStatus(BatchStatus.STOPPING);
        guarded.update(execution);
        assertThat(seen).as("stopping is still running").isEmpty();
        execution.setStatus(BatchStatus.COMPLETED);
        execution.setEndTime(LocalDateTime.now());
        guarded.update(execution);
        assertThat(seen).containsExactly("COMPLETED over stored STOPPING");
        assertThat(plain.getJobExecution(execution.getId()).getStatus()).isEqualTo(BatchStatus.COMPLETED);
    }

    @Test
    void anEndIsStoredEvenWhenAHookFails() {
        List<Long> second = new ArrayList<>();
        ends.beforeEndStored(execution -> {
            throw new IllegalStateException("the ledger is away");
        });
        ends.beforeEndStored(execution -> second.add(execution.getId()));
        JobRepository guarded = ends.guard(plain);
        JobExecution execution = started(guarded);
        execution.setStatus(BatchStatus.FAILED);
        execution.setEndTime(LocalDateTime.now());
        guarded.update(execution);
        assertThat(second).as("the next hook still runs").containsExactly(execution.getId());
        assertThat(plain.getJobExecution(execution.getId()).getStatus()).isEqualTo(BatchStatus.FAILED);
    }

    @Test
    void aGuardedRetryingRepositoryStillCarriesTheRetryMarker() {
        JobRepository retrying = new StoreRetry(Duration.ofSeconds(1), () -> { }).proxy(plain, JobRepository.class);
        assertThat(ends.guard(retrying)).as("nothing wraps it in the retries twice")
                .isInstanceOf(StoreRetry.Retrying.class);
    }

    private static JobExecution started(JobRepository repository) {
        var instance = repository.createJobInstance("command", new JobParameters());
        JobExecution execution = repository.createJobExecution(instance, new JobParameters(), new ExecutionContext());
        execution.setStatus(BatchStatus.STARTED);
        execution.setStartTime(LocalDateTime.now());
        repository.update(execution);
        return execution;
    }
}
