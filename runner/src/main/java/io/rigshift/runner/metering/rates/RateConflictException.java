package io.rigshift.runner.metering.rates;


/**
 * A new rate that the rate card refuses: it overlaps an existing rate, or is in another currency.
 * The CLI prints the message and exits 2.
 */
public class RateConflictException extends IllegalArgumentException {

    public RateConflictException(String message) {
        super(message);
    }
}
