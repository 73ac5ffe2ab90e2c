package io.rigshift.jobs.api;

import io.rigshift.jobs.checkpoint.CheckpointStore;
import io.rigshift.jobs.training.DeviceAssignment;
import java.nio.file.Path;
import java.time.Clock;

/**
 * What the runner gives a running job. Everything here is the same across the restarts of one
 * job, except the devices (a resumed job may run on other ones) and the execution id.
 */
public interface JobContext {

    /** The job id users see ({@code rigshift status ID}): the Spring Batch job execution id. */
    long executionId();

    /** The tenant the job runs for (and is billed to). */
    String tenant();

    /** The devices the runner leased for this execution. */
    DeviceAssignment devices();

    /** The job's parameters, validated, with defaults filled in. */
    JobArguments arguments();

    /** The run's seed and a random source that is a function of (seed, step): exact on resume. */
    StepRandom random();

    /** When to checkpoint and how many to keep, as the user asked. */
    CheckpointCadence cadence();

    /**
     * The job's durable checkpoints (atomic, checksummed, the newest {@link CheckpointCadence#keep()}
     * kept), under {@link #checkpointsFolder()}.
     */
    CheckpointStore checkpoints();

    /** The job's folder: the same across restarts; checkpoints, artifacts and logs live under it. */
    Path jobFolder();

    /** Where checkpoints go. */
    Path checkpointsFolder();

    /** Where the artifacts people download go (created by the runner). */
    Path artifactsFolder();

    /** Progress, metrics and warnings: {@code status} and {@code jobs} show them; metrics are stored. */
    JobReporter reporter();

    /**
     * True once the job should stop (the user's {@code stop}, SIGTERM, or a lease the pool
     * reclaimed): finish the current batch and return from {@link JobPhase#run}.
     */
    boolean stopRequested();

    /** The clock to read for anything that is not billed (checkpoint intervals, say). */
    Clock clock();

    /**
     * A small map the runner keeps with the phase's progress in the job repository, committed
     * after every {@link JobPhase#run}, visible to later phases and kept on resume.
     */
    JobState state();
}
