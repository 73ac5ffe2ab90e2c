package io.rigshift.runner.metering.rates;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Currency;
import java.util.Objects;
import java.util.Optional;

/**
 * One rate card entry: the price of one device-hour of a device model, in force from a UTC date
 * until the next rate of that model starts, or through {@code to} (inclusive) when given.
 */
public record Rate(String deviceModel, BigDecimal perDeviceHour, Currency currency, LocalDate from,
        Optional<LocalDate> to) {

    public Rate {
        Objects.requireNonNull(deviceModel, "deviceModel");
        Objects.requireNonNull(perDeviceHour, "perDeviceHour");
        Objects.requireNonNull(currency, "currency");
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        if (deviceModel.isBlank()) {
            throw new IllegalArgumentException("device model must not be blank");
        }
        if (perDeviceHour.signum() < 0) {
            throw new IllegalArgumentException("rate must not be negative, got " + perDeviceHour.toPlainString());
        }
        if (currency.getDefaultFractionDigits() < 0) {
            throw new IllegalArgumentException("currency " + currency + " has no minor unit");
        }
        if (to.isPresent() && to.get().isBefore(from)) {
            throw new IllegalArgumentException("rate ends (" + to.get() + ") before it starts (" + from + ")");
        }
    }

    /** The first millisecond in force: UTC midnight of {@code from}. */
    public long fromMs() {
        return from.atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli();
    }

    /** Whether the rate was given an explicit last day. */
    public boolean hasExplicitEnd() {
        return to.isPresent();
    }

    /** Names the rate in messages: {@code A40 1.10 USD per device-hour from 2026-12-01 to 2026-12-31}. */
    public String describe() {
        return deviceModel + " " + perDeviceHour.toPlainString() + " " + currency.getCurrencyCode()
                + " per device-hour from " + from + to.map(t -> " to " + t).orElse("");
    }

    /** Identifies the price in exports: {@code A40@2026-12-01}. */
    public String priceId() {
        return deviceModel + "@" + from;
    }
}
