package io.rigshift.runner.cli;

/**
 * Bad input a user can fix: the CLI prints the message as one line on stderr and exits 2.
 * The message names the bad value and what is allowed.
 */
public class UsageException extends RuntimeException {

    public UsageException(String message) {
        super(message);
    }
}
