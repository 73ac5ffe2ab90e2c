package io.rigshift.runner.training;

import io.rigshift.jobs.text3d.job.Text3dJob;
import io.rigshift.runner.batch.JobLauncherContext;
import io.rigshift.runner.cli.ExitCodes;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.step.StepExecution;

/**
 * Runs one job execution in this process, start or restart, and reports it to the user. While it
 * runs, SIGTERM or Ctrl-C asks the training to stop after its current batch and to checkpoint;
 * the JVM waits (up to {@link #STOP_GRACE}) until the execution is STOPPED in the repository.
 */
public final class JobRun {

    static final Duration STOP_GRACE = Duration.ofSeconds(120);

    private final JobExecution execution;

    private JobRun(JobExecution execution) {
        this.execution = execution;
    }

    /** Starts a new job instance. */
    public static JobRun start(JobLauncherContext context, JobParameters parameters, PrintWriter out) {
        return run(context, out, () -> context.operator().start(context.job(), parameters));
    }

    /** Restarts a failed or stopped execution (a new execution of the same job instance). */
    public static JobRun restart(JobLauncherContext context, JobExecution previous, PrintWriter out) {
        return run(context, out, () -> context.operator().restart(previous));
    }

    private interface Launch {
        JobExecution launch() throws Exception;
    }

    private static JobRun run(JobLauncherContext context, PrintWriter out, Launch launch) {
        long started = System.nanoTime();
        CountDownLatch done = new CountDownLatch(1);
        Thread hook = new Thread(() -> {
            context.requestStop();
            try {
                done.await(STOP_GRACE.toSeconds(), TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "rigshift-graceful-stop");
        Runtime.getRuntime().addShutdownHook(hook);
        JobExecution execution;
        try {
            execution = launch.launch();
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

    /** 0 when the job completed or was stopped on request, 1 when it failed. */
    public int exitCode() {
        BatchStatus status = execution.getStatus();
        return status == BatchStatus.COMPLETED || status == BatchStatus.STOPPED ? ExitCodes.OK : ExitCodes.FAILED;
    }

    private static String iou(double value) {
        return Double.isNaN(value) ? "-" : String.format("%.3f", value);
    }

    private void report(PrintWriter out, Duration wall) {
        long id = execution.getId();
        String folder = execution.getExecutionContext().getString(Text3dJob.CONTEXT_JOB_FOLDER, "?");
        out.printf("job %d %s in %.1f s%n", id, execution.getStatus(), wall.toMillis() / 1000.0);
        for (StepExecution step : execution.getStepExecutions()) {
            if (step.getStepName().equals(Text3dJob.TRAIN) && step.getExecutionContext().containsKey(Text3dJob.CONTEXT_LAST_LOSS)) {
                out.printf("loss: %.4f -> %.4f (%d steps)%n",
                        step.getExecutionContext().getDouble(Text3dJob.CONTEXT_FIRST_LOSS),
                        step.getExecutionContext().getDouble(Text3dJob.CONTEXT_LAST_LOSS),
                        step.getExecutionContext().getLong(Text3dJob.CONTEXT_GLOBAL_STEP, 0L));
            }
            if (step.getStepName().equals(Text3dJob.EVALUATE) && step.getStatus() == BatchStatus.COMPLETED) {
                var context = step.getExecutionContext();
                out.printf("IoU: validation %s, novel combinations %s, shuffled captions %s%n",
                        iou(context.getDouble("val_iou")), iou(context.getDouble("novel_iou")),
                        iou(context.getDouble("shuffled_caption_iou")));
            }
        }
        switch (execution.getStatus()) {
            case COMPLETED -> out.println("artifacts: " + folder);
            case STOPPED -> out.println("stopped after a checkpoint; continue with: rigshift resume " + id);
            default -> {
                String reason = execution.getAllFailureExceptions().stream().findFirst()
                        .map(e -> e.getMessage() == null ? e.toString() : e.getMessage().lines().findFirst().orElse(""))
                        .orElse(execution.getExitStatus().getExitDescription());
                out.println("failed: " + reason);
                out.println("resume with: rigshift resume " + id);
            }
        }
        out.flush();
    }
}
