package io.rigshift.jobs.api;

/**
 * One phase of a job (prepare data, train, evaluate, export). The runner calls {@link #run} over
 * and over until it returns {@link Progress#DONE}; between two calls it commits the phase's
 * progress and looks for stop requests, so a call should return within a few seconds. One
 * instance serves one run of the phase in this process: it may keep state between calls and
 * releases it in {@link #close}.
 */
public interface JobPhase {

    /** What a call of {@link #run} came to. */
    enum Progress {
        /** Call again: there is more to do. */
        MORE,
        /** The phase is finished. */
        DONE
    }

    /** The phase's name, unique in its job type: also the Spring Batch step name. */
    String name();

    /**
     * Does the next piece of work. Should return soon after {@link JobContext#stopRequested()}
     * turns true.
     */
    Progress run(JobContext context) throws Exception;

    /**
     * The runner stops the job after this call: make the state durable (write a checkpoint) so
     * that a resume continues from here. Called only after a {@link #run} that returned MORE.
     */
    default void stopping(JobContext context) throws Exception {
    }

    /** The phase ended (done, stopped or failed) in this process: release what it holds. */
    default void close(JobContext context) throws Exception {
    }
}
