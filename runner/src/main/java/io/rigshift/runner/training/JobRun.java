package io.rigshift.runner.training;

import io.rigshift.jobs.api.InvalidJobParameterException;
import io.rigshift.runner.batch.JobLauncherContext;
import io.rigshift.runner.cli.ExitCodes;
import io.rigshift.runner.metering.UsageOutcome;
import io.rigshift.runner.pool.LeaseOutcome;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.step.StepExecution;

/**
 * Runs one job execution in this process, start or restart, and reports it to the user. While it
 * runs, SIGTERM or Ctrl-C asks the job to stop after its current batch and to checkpoint; the JVM
 * waits (up to {@link #STOP_GRACE}) until the execution has ended in the repository.
 */
public final class JobRun {

    static final Duration STOP_GRACE = Duration.ofSeconds(Long.getLong("rigshift.stop-grace-s", 180));

    private final JobExecution execution;

    private JobRun(JobExecution execution) {
        this.execution = execution;
    }

    static JobRun launch(JobLauncherContext context, StopSignal stop, PrintWriter out, Callable<JobExecution> launch) {
        long started = System.nanoTime();
        CountDownLatch done = new CountDownLatch(1);
        Thread hook = new Thread(() -> {
            stop.request(StopSignal.REQUESTED);
            try {
                done.await(STOP_GRACE.toSeconds(), TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "rigshift-graceful-stop");
        Runtime.getRuntime().addShutdownHook(hook);
        JobExecution execution;
        try {
            execution = launch.call();
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException(e.getMessage(), e);
        } finally {
            done.countDown();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // The JVM is already stopping: the hook is running and lets us finish.
            }
        }
        JobRun run = new JobRun(execution);
        run.report(out, Duration.ofNanos(System.nanoTime() - started));
        return run;
    }

    public JobExecution execution() {
        return execution;
    }

    /**
     * 0 when the job completed or was stopped on request; 1 when it failed, or was stopped by the
     * pool (a reclaimed lease).
     */
    int exitCode(StopSignal stop) {
        BatchStatus status = execution.getStatus();
        if (status == BatchStatus.COMPLETED || (status == BatchStatus.STOPPED && !stop.imposed())) {
            return ExitCodes.OK;
        }
        return ExitCodes.FAILED;
    }

    private void report(PrintWriter out, Duration wall) {
        long id = execution.getId();
        String folder = execution.getExecutionContext().getString(RunKeys.CONTEXT_JOB_FOLDER, "?");
        out.printf("job %d %s in %.1f s%n", id, execution.getStatus(), wall.toMillis() / 1000.0);
        for (StepExecution step : execution.getStepExecutions()) {
            var context = step.getExecutionContext();
            if (context.containsKey(RunKeys.CONTEXT_LAST_LOSS) && context.containsKey(RunKeys.CONTEXT_FIRST_LOSS)) {
                out.printf(Locale.ROOT, "loss: %.4f -> %.4f (%d steps)%n", context.getDouble(RunKeys.CONTEXT_FIRST_LOSS),
                        context.getDouble(RunKeys.CONTEXT_LAST_LOSS), context.getLong(RunKeys.CONTEXT_GLOBAL_STEP, 0L));
            }
        }
        Map<String, Double> metrics = metrics(execution);
        if (!metrics.isEmpty()) {
            StringBuilder line = new StringBuilder("metrics:");
            metrics.forEach((name, value) -> line.append(' ').append(name).append(' ')
                    .append(String.format(Locale.ROOT, "%.4g", value)).append(','));
            line.setLength(line.length() - 1);
            out.println(line);
        }
        switch (execution.getStatus()) {
            case COMPLETED -> out.println("artifacts: " + folder);
            case STOPPED -> {
                String reason = execution.getExecutionContext().getString(RunKeys.CONTEXT_STOP_REASON, null);
                out.println("stopped after a checkpoint" + (reason == null ? "" : " (" + reason + ")")
                        + "; continue with: rigshift resume " + id);
            }
            default -> {
                String reason = execution.getAllFailureExceptions().stream().findFirst()
                        .map(e -> e.getMessage() == null ? e.toString() : e.getMessage().lines().findFirst().orElse(""))
                        .orElse(execution.getExitStatus().getExitDescription());
                out.println("failed: " + reason);
                if (isInputError(execution)) {
                    out.println("the input is wrong, so resuming would fail the same way: fix it and start a new run");
                } else {
                    out.println("resume with: rigshift resume " + id);
                }
            }
        }
        out.flush();
    }

    /** The outcome a usage record closes with for an execution that ended with the status. */
    public static UsageOutcome usageOutcome(BatchStatus status) {
        return status == BatchStatus.COMPLETED ? UsageOutcome.COMPLETED
                : status == BatchStatus.STOPPED ? UsageOutcome.STOPPED : UsageOutcome.FAILED;
    }

    /** The outcome a lease ends with for an execution that ended with the status. */
    public static LeaseOutcome leaseOutcome(BatchStatus status) {
        return status == BatchStatus.COMPLETED ? LeaseOutcome.COMPLETED
                : status == BatchStatus.STOPPED ? LeaseOutcome.STOPPED : LeaseOutcome.FAILED;
    }

    /**
     * Whether the execution failed on its input: some failure is, or is caused by, an
     * {@link InvalidJobParameterException} (a bad parameter or dataset, which the sample's
     * {@code InvalidDatasetException} is). The same input fails the same way again, so resuming
     * cannot help; a crash, a stop or a lost lease are not input errors.
     */
    public static boolean isInputError(JobExecution execution) {
        for (Throwable failure : execution.getAllFailureExceptions()) {
            for (Throwable cause = failure; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
                if (cause instanceof InvalidJobParameterException) {
                    return true;
                }
            }
        }
        return false;
    }

    /** The newest value of each metric the job reported, by name. */
    public static Map<String, Double> metrics(JobExecution execution) {
        Map<String, Double> metrics = new TreeMap<>();
        execution.getExecutionContext().entrySet().forEach(entry -> {
            if (entry.getKey().startsWith(RunKeys.CONTEXT_METRIC_PREFIX) && entry.getValue() instanceof Number n) {
                metrics.put(entry.getKey().substring(RunKeys.CONTEXT_METRIC_PREFIX.length()), n.doubleValue());
            }
        });
        return metrics;
    }
}
