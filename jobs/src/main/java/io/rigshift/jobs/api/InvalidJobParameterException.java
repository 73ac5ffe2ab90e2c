package io.rigshift.jobs.api;

/** A job parameter a user gave is wrong; the message names it and says what is allowed. */
public class InvalidJobParameterException extends IllegalArgumentException {

    public InvalidJobParameterException(String message) {
        super(message);
    }
}
