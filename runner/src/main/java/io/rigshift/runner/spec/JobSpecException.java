package io.rigshift.runner.spec;

/**
 * A spec file ({@code train --spec FILE}) is unreadable or wrong. The message is the one line the
 * CLI prints: {@code FILE:LINE: message}, or {@code FILE: message} where no line applies, with FILE
 * as the user gave the path.
 */
public class JobSpecException extends RuntimeException {

    private final String file;
    private final int line;

    private JobSpecException(String file, int line, String message, Throwable cause) {
        super(file == null ? message : file + (line > 0 ? ":" + line : "") + ": " + message, cause);
        this.file = file;
        this.line = line;
    }

    /** An error at a 1-based line of the file. */
    public static JobSpecException at(String file, int line, String message) {
        return new JobSpecException(file, line, message, null);
    }

    /** An error about the file as a whole (unreadable, empty, a required field missing). */
    public static JobSpecException of(String file, String message) {
        return new JobSpecException(file, 0, message, null);
    }

    /** An error about a spec that came from flags alone: the message has no file to name. */
    public static JobSpecException withoutFile(String message) {
        return new JobSpecException(null, 0, message, null);
    }

    static JobSpecException of(String file, String message, Throwable cause) {
        return new JobSpecException(file, 0, message, cause);
    }

    /** The spec file's path as the user gave it; null when there is none. */
    public String file() {
        return file;
    }

    /** The 1-based line the error is on, or 0 when it is about the whole file. */
    public int line() {
        return line;
    }
}
