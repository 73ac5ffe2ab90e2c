package io.rigshift.runner.training;

import io.rigshift.jobs.api.JobReporter;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * What a job reports, for the user (the console), the meter (a heartbeat at every checkpoint) and
 * the store (metrics and the figures {@code status} shows). The job calls it on its threads; the
 * phase tasklet drains it after every chunk and commits what it holds.
 */
public final class RunReporter implements JobReporter {

    /** The name under which batch losses are stored. */
    public static final String LOSS = "loss";
    /** The metric holding how many steps the training runs in all (for progress). */
    public static final String STEPS_TOTAL = "train.steps_total";
    /** The metric holding this execution's mean steps per second so far (kept as the latest value only). */
    public static final String STEPS_PER_SECOND = "train.steps_per_s";

    private static final Pattern METRIC_NAME = Pattern.compile("[a-z0-9_.-]{1,64}");

    private final JobReporter console;
    private final Runnable onCheckpoint;
    private final Clock clock;
    private final List<JobMetrics.Metric> pending = new ArrayList<>();
    private final Map<String, Double> latest = new LinkedHashMap<>();
    private volatile long executionId;
    private Double firstLoss;
    private Double lastLoss;
    private Long globalStep;
    private String lastCheckpoint;
    private boolean batchesSinceDrain;
    private boolean checkpointSinceDrain;
    private long startStep;
    private long startMs;

    public RunReporter(JobReporter console, Runnable onCheckpoint, Clock clock) {
        this.console = console;
        this.onCheckpoint = onCheckpoint;
        this.clock = clock;
    }

    /** Which execution the reports belong to (set as each execution starts). */
    void attach(long jobExecutionId) {
        this.executionId = jobExecutionId;
        synchronized (this) {
            firstLoss = null;
            lastLoss = null;
            globalStep = null;
        }
    }

    @Override
    public void trainingStarted(long startStep, long totalSteps, int stepsPerEpoch) {
        synchronized (this) {
            this.startStep = startStep;
            this.startMs = clock.millis();
        }
        metric(startStep, STEPS_TOTAL, totalSteps);
        console.trainingStarted(startStep, totalSteps, stepsPerEpoch);
    }

    @Override
    public void batchEnded(long step, int epoch, double loss, double samplesPerSecond) {
        synchronized (this) {
            if (firstLoss == null) {
                firstLoss = loss;
            }
            lastLoss = loss;
            globalStep = step;
            batchesSinceDrain = true;
            if (Double.isFinite(loss)) {
                pending.add(new JobMetrics.Metric(executionId, step, LOSS, loss, clock.millis()));
            }
            long elapsedMs = clock.millis() - startMs;
            if (elapsedMs > 0 && step > startStep) {
                // A mean over the execution, not per batch: one context value, no row per batch.
                latest.put(STEPS_PER_SECOND, (step - startStep) * 1000.0 / elapsedMs);
            }
        }
        console.batchEnded(step, epoch, loss, samplesPerSecond);
        FaultPoint.afterBatch(step);
    }

    @Override
    public void metric(long step, String name, double value) {
        if (!METRIC_NAME.matcher(name).matches() || !Double.isFinite(value)) {
            console.warning("metric '" + name + "' = " + value + " not stored: names are 1-64 of a-z 0-9 _ . - "
                    + "and values finite");
            return;
        }
        synchronized (this) {
            pending.add(new JobMetrics.Metric(executionId, step, name, value, clock.millis()));
            latest.put(name, value);
        }
    }

    @Override
    public void checkpointWritten(long step, Path folder) {
        synchronized (this) {
            lastCheckpoint = folder.getFileName().toString();
            checkpointSinceDrain = true;
        }
        onCheckpoint.run();
        console.checkpointWritten(step, folder);
    }

    /** Metric names the runner itself records. */
    public static final String CHECKPOINT_STALL_MS = "checkpoint.stall_ms";
    public static final String CHECKPOINT_WRITE_MS = "checkpoint.write_ms";
    public static final String HEARTBEAT_FAILURES = "runner.heartbeat_failures";

    @Override
    public void checkpointTimings(long step, long stallMillis, long writeMillis) {
        synchronized (this) {
            pending.add(new JobMetrics.Metric(executionId, step, CHECKPOINT_STALL_MS, stallMillis, clock.millis()));
            pending.add(new JobMetrics.Metric(executionId, step, CHECKPOINT_WRITE_MS, writeMillis, clock.millis()));
        }
    }

    /** The heartbeats of this execution have failed {@code failures} times in all (a store outage). */
    void heartbeatFailures(long failures) {
        synchronized (this) {
            pending.add(new JobMetrics.Metric(executionId, globalStep == null ? 0 : globalStep, HEARTBEAT_FAILURES,
                    failures, clock.millis()));
        }
    }

    @Override
    public void warning(String message) {
        console.warning(message);
    }

    @Override
    public void trainingEnded(long step) {
        console.trainingEnded(step);
    }

    /** What was reported since the last drain (losses and checkpoint only when new ones came). */
    record Drained(List<JobMetrics.Metric> metrics, Map<String, Double> latestMetrics, Double firstLoss,
            Double lastLoss, Long globalStep, String lastCheckpoint) {
    }

    synchronized Drained drain() {
        Drained drained = new Drained(List.copyOf(pending), Map.copyOf(latest), batchesSinceDrain ? firstLoss : null,
                batchesSinceDrain ? lastLoss : null, batchesSinceDrain ? globalStep : null,
                checkpointSinceDrain ? lastCheckpoint : null);
        pending.clear();
        latest.clear();
        batchesSinceDrain = false;
        checkpointSinceDrain = false;
        return drained;
    }
}
