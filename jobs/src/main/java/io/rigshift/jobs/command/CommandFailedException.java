package io.rigshift.jobs.command;

/** The program a command job runs exited with a non-zero code: the job fails with it. */
public class CommandFailedException extends RuntimeException {

    private final int exitCode;

    public CommandFailedException(int exitCode) {
        super(describe(exitCode));
        this.exitCode = exitCode;
    }

    /** The exit code as Java reports it: 128 + the signal number for a death by signal. */
    public int exitCode() {
        return exitCode;
    }

    private static String describe(int exitCode) {
        // Java (like a shell) reports a child killed by signal S as 128 + S; signals stop at 64.
        if (exitCode > 128 && exitCode <= 128 + 64) {
            return "command killed by signal " + (exitCode - 128) + " (exit code " + exitCode + ")";
        }
        return "command exited with code " + exitCode;
    }
}
