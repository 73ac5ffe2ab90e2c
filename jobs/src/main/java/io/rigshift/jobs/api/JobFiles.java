package io.rigshift.jobs.api;

import java.nio.file.Path;

/** Where things live in a job's folder, the same for every job type. */
public final class JobFiles {

    public static final String CHECKPOINTS = "checkpoints";
    public static final String ARTIFACTS = "artifacts";

    private JobFiles() {
    }

    /** The job's output log: what a command printed (stdout and stderr, every restart appended). */
    public static Path log(Path jobFolder) {
        return jobFolder.resolve("logs").resolve("output.log");
    }
}
