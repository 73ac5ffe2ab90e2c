package io.rigshift.jobs.text3d.job;

import io.rigshift.jobs.training.DeviceAssignment;
import io.rigshift.jobs.training.TrainingObserver;
import java.nio.file.Path;
import java.time.Clock;

/**
 * What the runner decides for the one job this process runs: where job folders live, the devices
 * it leased, who hears its progress, and the clock.
 *
 * @param jobsRoot the folder holding one sub-folder per job instance
 */
public record JobEnvironment(Path jobsRoot, DeviceAssignment devices, TrainingObserver observer, Clock clock) {

    /** The folder of a job instance: stable across restarts of that job. */
    public Path jobFolder(long jobInstanceId) {
        return jobsRoot.resolve(Long.toString(jobInstanceId));
    }
}
