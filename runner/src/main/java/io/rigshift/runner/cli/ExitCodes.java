package io.rigshift.runner.cli;

/** The exit codes of every {@code rigshift} command. */
public final class ExitCodes {

    /** Success. */
    public static final int OK = 0;
    /** The job (or the requested operation) failed. */
    public static final int FAILED = 1;
    /** Bad input or usage: one line on stderr names the bad value. */
    public static final int USAGE = 2;
    /** No capacity in the pool right now (with {@code --no-wait}). */
    public static final int NO_CAPACITY = 3;

    private ExitCodes() {
    }
}
