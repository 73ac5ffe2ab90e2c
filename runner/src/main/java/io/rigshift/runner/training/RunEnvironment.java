package io.rigshift.runner.training;

import io.rigshift.jobs.api.JobType;
import io.rigshift.jobs.training.DeviceAssignment;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * What the runner decided for the one job this process runs: its type, where job folders live,
 * the devices it leased (for the execution running now), who hears its reports, what stops it, where metrics go, and the clock.
 *
 * @param jobsRoot the folder holding one sub-folder per job instance
 * @param engineVersions the DJL and engine versions checkpoints record ("-" when no engine runs)
 * @param commitGuard runs right before each checkpoint is committed; a pool's worker halts there
 *     once its placement is no longer current
 */
public record RunEnvironment(JobType type, Path jobsRoot, Supplier<DeviceAssignment> devices, RunReporter reporter,
        StopSignal stop, JobMetrics metrics, Clock clock, String[] engineVersions, Runnable commitGuard) {

    /** An environment whose checkpoints commit unguarded (a job on this machine). */
    public RunEnvironment(JobType type, Path jobsRoot, Supplier<DeviceAssignment> devices, RunReporter reporter,
            StopSignal stop, JobMetrics metrics, Clock clock, String[] engineVersions) {
        this(type, jobsRoot, devices, reporter, stop, metrics, clock, engineVersions, () -> { });
    }

    public RunEnvironment {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(jobsRoot, "jobsRoot");
        Objects.requireNonNull(devices, "devices");
        Objects.requireNonNull(reporter, "reporter");
        Objects.requireNonNull(stop, "stop");
        Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(commitGuard, "commitGuard");
    }

    /** The folder of a job instance: stable across restarts of that job. */
    public Path jobFolder(long jobInstanceId) {
        return jobsRoot.resolve(Long.toString(jobInstanceId));
    }
}
