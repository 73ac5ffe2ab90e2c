package io.rigshift.runner.batch;

import io.rigshift.runner.node.ProcessIdentity;
import io.rigshift.runner.training.HeartbeatPolicy;
import io.rigshift.runner.training.RunKeys;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.Optional;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.step.StepExecution;

/**
 * Tells a running execution from one whose JVM died: an execution the repository calls running is
 * stale when its owner process (host id, pid, start time) is known to be gone, or when nothing has
 * updated it for the heartbeat policy's stale-after (phases commit every couple of seconds) and
 * its owner is not known to live.
 */
public final class ExecutionLiveness {

    private ExecutionLiveness() {
    }

    /** Why a running execution is stale, or empty when it is live or not running at all. */
    public static Optional<String> staleReason(JobExecution execution, Clock clock) {
        if (!execution.isRunning() || queuedInPool(execution)) {
            return Optional.empty();
        }
        Optional<ProcessIdentity> owner = owner(execution);
        ProcessIdentity.Liveness liveness = owner.map(ProcessIdentity::liveness).orElse(ProcessIdentity.Liveness.UNKNOWN);
        if (liveness == ProcessIdentity.Liveness.DEAD) {
            return Optional.of("owner pid " + owner.get().pid() + " on "
                    + execution.getExecutionContext().getString(RunKeys.CONTEXT_OWNER_HOST, owner.get().hostId())
                    + " is gone");
        }
        LocalDateTime last = lastHeartbeat(execution);
        if (last != null && liveness != ProcessIdentity.Liveness.ALIVE) {
            LocalDateTime now = LocalDateTime.ofInstant(clock.instant(), ZoneId.systemDefault());
            Duration quiet = Duration.between(last, now);
            if (quiet.compareTo(HeartbeatPolicy.current().staleAfter()) > 0) {
                return Optional.of("no heartbeat for " + quiet.toMinutes() + " min");
            }
        }
        return Optional.empty();
    }

    /** A pool job's execution that waits for the controller to place it: nobody owns it yet, and it is not stale. */
    public static boolean queuedInPool(JobExecution execution) {
        return execution.getStatus() == org.springframework.batch.core.BatchStatus.STARTING
                && execution.getStartTime() == null
                && RunKeys.pooled(execution.getJobParameters());
    }

    /** Records this process as the execution's owner (what {@link #owner} reads). */
    public static void recordOwner(org.springframework.batch.infrastructure.item.ExecutionContext context) {
        ProcessIdentity me = ProcessIdentity.current();
        context.putString(RunKeys.CONTEXT_OWNER_HOST_ID, me.hostId());
        context.putString(RunKeys.CONTEXT_OWNER_HOST, io.rigshift.runner.node.HostNames.local());
        context.putLong(RunKeys.CONTEXT_OWNER_PID, me.pid());
        context.putLong(RunKeys.CONTEXT_OWNER_STARTED, me.startedAtMs());
    }

    /** The process that runs (or ran) the execution, as it recorded itself. */
    public static Optional<ProcessIdentity> owner(JobExecution execution) {
        var context = execution.getExecutionContext();
        String hostId = context.getString(RunKeys.CONTEXT_OWNER_HOST_ID, null);
        long pid = context.getLong(RunKeys.CONTEXT_OWNER_PID, -1L);
        if (hostId == null || pid <= 0) {
            return Optional.empty();
        }
        return Optional.of(new ProcessIdentity(hostId, pid, context.getLong(RunKeys.CONTEXT_OWNER_STARTED, 0L)));
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
