package io.rigshift.jobs.checkpoint;

/** A checkpoint cannot be written, read or used; the message names the checkpoint and why. */
public class CheckpointException extends RuntimeException {

    public CheckpointException(String message) {
        super(message);
    }

    public CheckpointException(String message, Throwable cause) {
        super(message, cause);
    }
}
