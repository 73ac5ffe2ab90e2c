package io.rigshift.runner.metering.invoice;

import io.rigshift.runner.metering.billing.Charge;
import io.rigshift.runner.metering.billing.Charges;
import io.rigshift.runner.metering.rates.RateCard;
import io.rigshift.runner.metering.report.UsageSlice;
import io.rigshift.runner.metering.report.UsageWindow;
import java.math.BigDecimal;
import java.time.YearMonth;
import java.util.Currency;
import java.util.List;

/**
 * A tenant's bill for one calendar month (UTC): one line per device model, job execution and rate,
 * each rounded once; the total is the sum of the rounded lines. Holds no generation time, so the
 * invoice of a closed month is the same, byte for byte, every time it is written.
 *
 * @param provisional the month is not over yet: running usage is counted up to now
 */
public record Invoice(String tenant, YearMonth month, Currency currency, List<Charge> lines, boolean provisional,
        List<String> notes) {

    public Invoice {
        lines = List.copyOf(lines);
        notes = List.copyOf(notes);
    }

    /**
     * Builds the invoice from the tenant's usage in the month, read with {@link Charges#DIMENSIONS} and
     * the tenant filter: that read is the one filter, so every slice given is billed to {@code tenant}.
     */
    public static Invoice of(String tenant, YearMonth month, List<UsageSlice> usage, RateCard card, long nowMs,
            List<String> notes) {
        List<Charge> lines = Charges.of(usage, card);
        boolean provisional = UsageWindow.ofMonth(month).toMs() > nowMs;
        return new Invoice(tenant, month, card.currency(), lines, provisional, notes);
    }

    /** The sum of the rounded line amounts. */
    public BigDecimal total() {
        return lines.stream().map(l -> l.amount(currency))
                .reduce(BigDecimal.ZERO.setScale(currency.getDefaultFractionDigits()), BigDecimal::add);
    }

    public long totalDeviceMs() {
        return lines.stream().mapToLong(Charge::deviceMs).sum();
    }

    public UsageWindow period() {
        return UsageWindow.ofMonth(month);
    }
}
