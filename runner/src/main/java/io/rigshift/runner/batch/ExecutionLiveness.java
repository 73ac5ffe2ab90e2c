package io.rigshift.runner.batch;

import io.rigshift.jobs.text3d.job.RunRecorder;
import io.rigshift.jobs.text3d.job.Text3dJob;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.Optional;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.step.StepExecution;

/**
 * Tells a running execution from one whose JVM died: an execution the repository calls running is
 * stale when its owner process (host, pid) is gone, or when nothing has updated it for
 * {@link #HEARTBEAT_TIMEOUT} (the train step commits every couple of seconds).
 */
public final class ExecutionLiveness {

    /** An execution quiet for longer than this is taken as dead, whatever host owned it. */
    public static final Duration HEARTBEAT_TIMEOUT = Duration.ofMinutes(5);

    private ExecutionLiveness() {
    }

    /** Why a running execution is stale, or empty when it is live or not running at all. */
    public static Optional<String> staleReason(JobExecution execution, Clock clock) {
        if (!execution.isRunning()) {
            return Optional.empty();
        }
        var context = execution.getExecutionContext();
        String host = context.getString(Text3dJob.CONTEXT_OWNER_HOST, null);
        long pid = context.getLong(Text3dJob.CONTEXT_OWNER_PID, -1L);
        if (host != null && host.equals(RunRecorder.hostName()) && pid > 0
                && ProcessHandle.of(pid).map(p -> !p.isAlive()).orElse(true)) {
            return Optional.of("owner pid " + pid + " on " + host + " is gone");
        }
        LocalDateTime last = lastHeartbeat(execution);
        if (last != null) {
            LocalDateTime now = LocalDateTime.ofInstant(clock.instant(), ZoneId.systemDefault());
            Duration quiet = Duration.between(last, now);
            if (quiet.compareTo(HEARTBEAT_TIMEOUT) > 0) {
                return Optional.of("no heartbeat for " + quiet.toMinutes() + " min");
            }
        }
        return Optional.empty();
    }

    /** The latest update of the execution or any of its steps. */
    public static LocalDateTime lastHeartbeat(JobExecution execution) {
        LocalDateTime last = execution.getLastUpdated();
        for (StepExecution step : execution.getStepExecutions()) {
            if (step.getLastUpdated() != null && (last == null || step.getLastUpdated().isAfter(last))) {
                last = step.getLastUpdated();
            }
        }
        return last;
    }
}
