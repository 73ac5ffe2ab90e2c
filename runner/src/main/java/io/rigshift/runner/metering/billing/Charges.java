package io.rigshift.runner.metering.billing;

import io.rigshift.runner.metering.ExactCost;
import io.rigshift.runner.metering.rates.Rate;
import io.rigshift.runner.metering.rates.RateCard;
import io.rigshift.runner.metering.report.UsageSlice;
import io.rigshift.runner.metering.report.UsageDimension;
import io.rigshift.runner.metering.report.UsageReport;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Turns daily usage into {@link Charge}s: the usage rated day by day and gathered into billing units. */
public final class Charges {

    /** The ledger dimensions charges need: read {@code UsageSlice} with these. */
    public static final Set<UsageDimension> DIMENSIONS = EnumSet.of(UsageDimension.TENANT, UsageDimension.JOB);

    /** Tenant, month, model, job (runs without a job first), then rate start (unpriced first). */
    public static final Comparator<Charge> ORDER = Comparator.comparing(Charge::tenant)
            .thenComparing(Charge::month)
            .thenComparing(Charge::deviceModel)
            .thenComparing(Charge::jobExecutionId, Comparator.nullsFirst(Comparator.<Long>naturalOrder()))
            .thenComparing(c -> c.rate().map(Rate::from).orElse(LocalDate.MIN));

    private Charges() {
    }

    /** The charges of {@code usage} (read with {@link #DIMENSIONS}) in {@link #ORDER}. */
    public static List<Charge> of(List<UsageSlice> usage, RateCard card) {
        Map<Object, Charge> charges = new LinkedHashMap<>();
        for (UsageSlice day : usage) {
            Optional<Rate> rate = card.rateOn(day.deviceModel(), day.day());
            YearMonth month = day.month();
            List<Object> key = new ArrayList<>();
            key.add(day.tenant());
            key.add(month);
            key.add(day.deviceModel());
            key.add(day.jobExecutionId());
            key.add(rate.map(Rate::from).orElse(null));
            ExactCost cost = UsageReport.cost(card, day);
            Charge next = new Charge(day.tenant(), month, day.deviceModel(), day.jobExecutionId(), rate,
                    day.deviceMs(), cost, day.day(), day.day(), day.open());
            charges.merge(key, next, (a, b) -> new Charge(a.tenant(), a.month(), a.deviceModel(),
                    a.jobExecutionId(), a.rate(), a.deviceMs() + b.deviceMs(), a.cost().plus(b.cost()),
                    a.firstDay().isBefore(b.firstDay()) ? a.firstDay() : b.firstDay(),
                    a.lastDay().isAfter(b.lastDay()) ? a.lastDay() : b.lastDay(), a.open() || b.open()));
        }
        List<Charge> sorted = new ArrayList<>(charges.values());
        sorted.sort(ORDER);
        return sorted;
    }
}
