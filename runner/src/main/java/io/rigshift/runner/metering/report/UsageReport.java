package io.rigshift.runner.metering.report;

import io.rigshift.runner.metering.ExactCost;
import io.rigshift.runner.metering.rates.Rate;
import io.rigshift.runner.metering.rates.RateCard;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Usage grouped one way over a window, with exact device-milliseconds and exact costs per row and in
 * total. Totals are sums of exact values, so reports grouped by tenant, day or model over the same
 * window have the same total; money is rounded only when written (see {@code ExactCost}).
 */
public record UsageReport(UsageWindow window, UsageGrouping grouping, Currency currency, List<Row> rows,
        List<String> notes) {

    /** One row: its key (tenant, job id, model, node or ISO day), usage, cost, and whether part is still running. */
    public record Row(String key, long deviceMs, ExactCost cost, boolean open) {
    }

    public UsageReport {
        rows = List.copyOf(rows);
        notes = List.copyOf(notes);
    }

    /** Prices each day of usage at the rate in force that day and groups it. */
    public static UsageReport of(UsageWindow window, UsageGrouping grouping, List<UsageSlice> usage, RateCard card,
            List<String> notes) {
        Map<String, Row> rows = new TreeMap<>(grouping.order());
        for (UsageSlice day : usage) {
            ExactCost cost = cost(card, day);
            rows.merge(grouping.keyOf(day), new Row(grouping.keyOf(day), day.deviceMs(), cost, day.open()),
                    (a, b) -> new Row(a.key, a.deviceMs + b.deviceMs, a.cost.plus(b.cost), a.open || b.open));
        }
        return new UsageReport(window, grouping, card.currency(), new ArrayList<>(rows.values()), notes);
    }

    /** The exact cost of one day of usage at the rate in force that day (zero when none is). */
    public static ExactCost cost(RateCard card, UsageSlice day) {
        BigDecimal rate = card.rateOn(day.deviceModel(), day.day()).map(Rate::perDeviceHour).orElse(BigDecimal.ZERO);
        return ExactCost.of(rate, day.deviceMs());
    }

    public long totalDeviceMs() {
        return rows.stream().mapToLong(Row::deviceMs).sum();
    }

    public ExactCost totalCost() {
        return rows.stream().map(Row::cost).reduce(ExactCost.ZERO, ExactCost::plus);
    }

    public boolean anyOpen() {
        return rows.stream().anyMatch(Row::open);
    }
}
