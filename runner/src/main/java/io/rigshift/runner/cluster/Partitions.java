package io.rigshift.runner.cluster;

import java.time.LocalDateTime;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.StepExecution;

/** Ends a pool job's partition in the repository on behalf of a worker that can no longer do it. */
final class Partitions {

    private Partitions() {
    }

    /**
     * Marks a partition that the repository still calls running FAILED, with the reason, so that
     * its manager's poll ends (a dead worker's partition would stay STARTED for ever). Bumps its
     * version: a stale worker's later update of it is refused.
     */
    static void failIfRunning(JobRepository repository, StepExecution step, String why) {
        if (step != null && step.getStatus().isRunning()) {
            step.setStatus(BatchStatus.FAILED);
            step.setExitStatus(ExitStatus.FAILED.addExitDescription(why));
            step.setEndTime(LocalDateTime.now());
            repository.update(step);
        }
    }
}
