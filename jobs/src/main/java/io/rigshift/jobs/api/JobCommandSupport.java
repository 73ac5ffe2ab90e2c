package io.rigshift.jobs.api;

import java.nio.file.Path;

/** What the runner lends the CLI commands a job type adds (see {@link JobType#commands}). */
public interface JobCommandSupport {

    /**
     * The folder of a job, by the id users see; throws {@link InvalidJobParameterException} when
     * there is no such job (or it is another job type's).
     */
    Path jobFolder(long executionId);

    /** Starts the deep-learning engine the way the runner does (offline, natives from the jar). */
    void startEngine();
}
