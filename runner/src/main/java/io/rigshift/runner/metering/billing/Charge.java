package io.rigshift.runner.metering.billing;

import io.rigshift.runner.metering.ExactCost;
import io.rigshift.runner.metering.rates.Rate;
import io.rigshift.runner.metering.report.UsageWindow;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.Currency;
import java.util.Optional;

/**
 * The billing unit: one tenant's usage of one device model by one job execution at one rate within
 * one calendar month (UTC). Invoice lines and FOCUS rows are charges.
 *
 * <p>The rounding rule: a charge's {@link #amount} is its exact cost rounded HALF_EVEN to the
 * currency's minor unit, once; everything billed (an invoice total, the sum of FOCUS BilledCost) is
 * a sum of such amounts. So the invoices of a month add up, to the cent, to the charges the ledger
 * holds for it, and an invoice and the FOCUS export of the same month agree line by line.
 *
 * @param firstDay the first UTC day with usage in the charge
 * @param lastDay  the last UTC day with usage in the charge
 * @param open     whether some of the usage comes from records still running
 */
public record Charge(String tenant, YearMonth month, String deviceModel, Long jobExecutionId, Optional<Rate> rate,
        long deviceMs, ExactCost cost, LocalDate firstDay, LocalDate lastDay, boolean open) {

    /** The price per device-hour (zero when no rate covers the usage). */
    public BigDecimal unitPrice() {
        return rate.map(Rate::perDeviceHour).orElse(BigDecimal.ZERO);
    }

    /** The billed amount: the exact cost rounded HALF_EVEN to the currency's minor unit. */
    public BigDecimal amount(Currency currency) {
        return cost.amount(currency);
    }

    /** Start of the charge period: UTC midnight of the first day with usage. */
    public long periodStartMs() {
        return UsageWindow.midnight(firstDay);
    }

    /** Exclusive end of the charge period: UTC midnight after the last day with usage. */
    public long periodEndMs() {
        return UsageWindow.midnight(lastDay.plusDays(1));
    }
}
