package io.rigshift.runner.metering.cli;

import io.rigshift.runner.cli.UsageException;
import io.rigshift.runner.metering.report.UsageWindow;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import java.util.Currency;
import java.util.Optional;

/** Parses the metering commands' option values; a bad value is a {@link UsageException} naming it. */
public final class MeteringArguments {

    private MeteringArguments() {
    }

    static LocalDate day(String value, String option) {
        try {
            return LocalDate.parse(value);
        } catch (DateTimeParseException e) {
            throw new UsageException("malformed date '" + value + "' for " + option + ": expected YYYY-MM-DD (UTC)");
        }
    }

    static Optional<LocalDate> day(Optional<String> value, String option) {
        return value.map(v -> day(v, option));
    }

    public static YearMonth month(String value, String option) {
        try {
            return YearMonth.parse(value);
        } catch (DateTimeParseException e) {
            throw new UsageException("malformed month '" + value + "' for " + option + ": expected YYYY-MM (UTC)");
        }
    }

    /** The window from the first day through the last (both inclusive, UTC); refuses --from after --to. */
    public static UsageWindow window(Optional<String> from, Optional<String> to) {
        Optional<LocalDate> first = day(from, "--from");
        Optional<LocalDate> last = day(to, "--to");
        if (first.isPresent() && last.isPresent() && first.get().isAfter(last.get())) {
            throw new UsageException("--from " + first.get() + " is after --to " + last.get()
                    + ": the window runs from its first day through its last");
        }
        return UsageWindow.ofDays(first, last);
    }

    static BigDecimal rate(String value, String option) {
        BigDecimal rate;
        try {
            rate = new BigDecimal(value.strip());
        } catch (NumberFormatException e) {
            throw new UsageException("rate '" + value + "' for " + option
                    + " is not a number: expected a decimal such as 1.10");
        }
        if (rate.signum() < 0) {
            throw new UsageException("rate '" + value + "' for " + option + " is negative: expected zero or more");
        }
        return rate;
    }

    static Currency currency(String value, String option) {
        Currency currency;
        try {
            currency = Currency.getInstance(value);
        } catch (IllegalArgumentException e) {
            throw new UsageException("unknown currency code '" + value + "' for " + option
                    + ": expected an ISO 4217 code such as USD or EUR");
        }
        if (currency.getDefaultFractionDigits() < 0) {
            throw new UsageException("currency '" + value + "' for " + option
                    + " has no minor unit: expected a national currency such as USD or EUR");
        }
        return currency;
    }

    static String name(String value, String option) {
        if (value.isBlank() || !value.strip().equals(value) || value.length() > 64) {
            throw new UsageException("bad " + option + " '" + value
                    + "': expected a non-empty name without surrounding spaces, at most 64 characters");
        }
        return value;
    }
}
