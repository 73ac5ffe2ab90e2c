package io.rigshift.runner.metering;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Currency;

/**
 * How metering figures a person or a billing tool reads are written: device-hours, money, unit
 * prices, utilisation and UTC timestamps. Every report, invoice and export formats through here.
 */
public final class BillingFigures {

    /** Decimals of device-hours shown in reports and invoices (exact hours are rounded HALF_EVEN). */
    public static final int DEVICE_HOUR_DECIMALS = 6;

    /** Decimals of device-hours in FOCUS quantities: 9 tell every millisecond apart (1 ms = 2.8e-7 h). */
    public static final int EXPORT_DEVICE_HOUR_DECIMALS = 9;

    private static final DateTimeFormatter UTC_SECONDS =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss'Z'").withZone(ZoneOffset.UTC);

    private BillingFigures() {
    }

    /** Device-milliseconds as device-hours with {@link #DEVICE_HOUR_DECIMALS} decimals. */
    public static String deviceHours(long deviceMs) {
        return deviceHours(deviceMs, DEVICE_HOUR_DECIMALS);
    }

    /** Device-milliseconds as device-hours with {@code decimals} decimals, HALF_EVEN, no exponent. */
    public static String deviceHours(long deviceMs, int decimals) {
        return BigDecimal.valueOf(deviceMs).divide(ExactCost.MS_PER_HOUR, decimals, RoundingMode.HALF_EVEN)
                .toPlainString();
    }

    /** An exact cost as an amount of the currency, rounded to its minor unit. */
    public static String money(ExactCost cost, Currency currency) {
        return cost.amount(currency).toPlainString();
    }

    /** An amount already at the currency's scale. */
    public static String money(BigDecimal amount) {
        return amount.toPlainString();
    }

    /** A unit price as set, but with at least the currency's decimals (1.1 USD -> 1.10). */
    public static String unitPrice(BigDecimal perDeviceHour, Currency currency) {
        int scale = Math.max(perDeviceHour.stripTrailingZeros().scale(), currency.getDefaultFractionDigits());
        return perDeviceHour.setScale(Math.max(scale, 0), RoundingMode.UNNECESSARY).toPlainString();
    }

    /** {@code part / whole} as a percentage with one decimal; "-" when {@code whole} is zero. */
    public static String percent(long part, long whole) {
        if (whole == 0) {
            return "-";
        }
        return BigDecimal.valueOf(part).multiply(BigDecimal.valueOf(100))
                .divide(BigDecimal.valueOf(whole), 1, RoundingMode.HALF_EVEN).toPlainString();
    }

    /** An instant as ISO 8601 UTC to the second, {@code YYYY-MM-DDTHH:mm:ssZ}. */
    public static String utc(long epochMs) {
        return UTC_SECONDS.format(Instant.ofEpochMilli(epochMs));
    }
}
