package io.rigshift.runner.metering.rates;

import io.rigshift.runner.cli.UsageException;

/** A new rate that the rate card refuses: it overlaps an existing rate, or is in another currency. */
public class RateConflictException extends UsageException {

    public RateConflictException(String message) {
        super(message);
    }
}
