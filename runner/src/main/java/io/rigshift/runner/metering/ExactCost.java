package io.rigshift.runner.metering;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Currency;
import java.util.Objects;

/**
 * A cost kept exact: the sum of {@code rate per device-hour × device-milliseconds}, not yet divided
 * by 3,600,000. The division (whose quotient may not terminate: 3,600,000 has the factor 9) happens
 * once, in {@link #amount(Currency)}, rounding HALF_EVEN to the currency's scale. Sums of exact costs
 * are exact, so a total is the same whichever way the usage under it was grouped.
 */
public record ExactCost(BigDecimal rateTimesDeviceMs) {

    /** Milliseconds in an hour: the divisor between device-milliseconds and device-hours. */
    public static final BigDecimal MS_PER_HOUR = BigDecimal.valueOf(3_600_000L);

    public static final ExactCost ZERO = new ExactCost(BigDecimal.ZERO);

    public ExactCost {
        Objects.requireNonNull(rateTimesDeviceMs, "rateTimesDeviceMs");
        // One representation per value, so that equal costs are equal records.
        rateTimesDeviceMs = rateTimesDeviceMs.signum() == 0 ? BigDecimal.ZERO : rateTimesDeviceMs.stripTrailingZeros();
        if (rateTimesDeviceMs.scale() < 0) {
            rateTimesDeviceMs = rateTimesDeviceMs.setScale(0);
        }
    }

    /** The cost of {@code deviceMs} device-milliseconds at {@code perDeviceHour}. */
    public static ExactCost of(BigDecimal perDeviceHour, long deviceMs) {
        return new ExactCost(perDeviceHour.multiply(BigDecimal.valueOf(deviceMs)));
    }

    public ExactCost plus(ExactCost other) {
        return new ExactCost(rateTimesDeviceMs.add(other.rateTimesDeviceMs));
    }

    /** The amount in the currency's minor unit, rounded HALF_EVEN: the one rounding point of money. */
    public BigDecimal amount(Currency currency) {
        return amount(currency.getDefaultFractionDigits());
    }

    /** The amount rounded HALF_EVEN to {@code scale} decimals. */
    public BigDecimal amount(int scale) {
        return rateTimesDeviceMs.divide(MS_PER_HOUR, scale, RoundingMode.HALF_EVEN);
    }
}
