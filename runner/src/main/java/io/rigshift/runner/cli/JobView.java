package io.rigshift.runner.cli;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.rigshift.runner.training.JobTypeCatalog;
import io.rigshift.runner.training.RunKeys;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Optional;
import org.springframework.batch.core.job.JobExecution;

/**
 * One job execution as {@code jobs} and {@code status} show it; its JSON field names are a stable
 * interface for scripts. Times are ISO-8601 with offset.
 */
public record JobView(
        @JsonProperty("id") long id,
        @JsonProperty("job_instance") long jobInstance,
        @JsonProperty("job_type") String jobType,
        @JsonProperty("name") String name,
        @JsonProperty("tenant") String tenant,
        @JsonProperty("status") String status,
        @JsonProperty("stale") boolean stale,
        @JsonProperty("stale_reason") String staleReason,
        @JsonProperty("start") String start,
        @JsonProperty("end") String end,
        @JsonProperty("duration_ms") Long durationMillis,
        @JsonProperty("device") String device,
        @JsonProperty("node") String node,
        @JsonProperty("exit_code") String exitCode,
        @JsonProperty("last_loss") Double lastLoss,
        @JsonProperty("global_step") Long globalStep,
        @JsonProperty("metrics") java.util.Map<String, Double> metrics,
        @JsonProperty("recoveries") Integer recoveries) {

    public static JobView of(JobExecution execution, Optional<String> staleReason) {
        LocalDateTime start = execution.getStartTime();
        LocalDateTime end = execution.getEndTime();
        Long duration = start == null ? null
                : Duration.between(start, end != null ? end : LocalDateTime.now()).toMillis();
        return new JobView(execution.getId(), execution.getJobInstance().getInstanceId(),
                JobTypeCatalog.typeOfJob(execution.getJobInstance().getJobName()),
                execution.getJobParameters().getString(RunKeys.NAME, null),
                execution.getJobParameters().getString(RunKeys.TENANT, "?"),
                io.rigshift.runner.batch.ExecutionLiveness.queuedInPool(execution) ? "QUEUED" : execution.getStatus().name(),
                staleReason.isPresent(), staleReason.orElse(null), format(start), format(end), duration,
                execution.getExecutionContext().getString(RunKeys.CONTEXT_DEVICE, null),
                execution.getExecutionContext().getString(RunKeys.CONTEXT_NODE, null),
                execution.getExitStatus().getExitCode(), lastLoss(execution), globalStep(execution),
                io.rigshift.runner.training.JobRun.metrics(execution),
                execution.getExecutionContext().containsKey(RunKeys.CONTEXT_RECOVERIES)
                        ? execution.getExecutionContext().getInt(RunKeys.CONTEXT_RECOVERIES) : null);
    }

    /** The newest loss any phase of the execution reported. */
    static Double lastLoss(JobExecution execution) {
        Double loss = null;
        for (var step : execution.getStepExecutions()) {
            if (step.getExecutionContext().containsKey(RunKeys.CONTEXT_LAST_LOSS)) {
                loss = step.getExecutionContext().getDouble(RunKeys.CONTEXT_LAST_LOSS);
            }
        }
        return loss;
    }

    /** The newest global step any phase of the execution reached. */
    static Long globalStep(JobExecution execution) {
        Long step = null;
        for (var phase : execution.getStepExecutions()) {
            if (phase.getExecutionContext().containsKey(RunKeys.CONTEXT_GLOBAL_STEP)) {
                step = phase.getExecutionContext().getLong(RunKeys.CONTEXT_GLOBAL_STEP);
            }
        }
        return step;
    }

    static String format(LocalDateTime time) {
        return time == null ? null
                : time.atZone(ZoneId.systemDefault()).truncatedTo(java.time.temporal.ChronoUnit.SECONDS)
                        .format(DateTimeFormatter.ISO_OFFSET_DATE_TIME);
    }
}
