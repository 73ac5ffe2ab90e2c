package io.rigshift.runner.metering.rates;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Currency;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * All effective-dated rates, as of one read of the store. A rate applies from its date (UTC
 * midnight) until the next rate of the same model starts, or through its explicit last day; usage on
 * a day no rate covers is priced at zero. Rates change only at UTC midnight, so a rate is constant
 * over each UTC day, and splitting usage by day splits it at every rate change.
 *
 * <p>Two definitions for one model overlap, and the second is refused, when they start on the same
 * day, or when one of them has an explicit last day and the other starts inside that interval
 * ({@code other.from} in {@code (from, to]}). A rate without a last day simply gives way to the next.
 */
public final class RateCard {

    /** The currency of a card with no rates: everything is then priced at zero in it. */
    public static final Currency DEFAULT_CURRENCY = Currency.getInstance("USD");

    private final List<Rate> rates;

    public RateCard(List<Rate> rates) {
        List<Rate> sorted = new ArrayList<>(rates);
        sorted.sort(Comparator.comparing(Rate::deviceModel).thenComparing(Rate::from));
        this.rates = List.copyOf(sorted);
    }

    public static RateCard empty() {
        return new RateCard(List.of());
    }

    /** All rates, by model then start date. */
    public List<Rate> rates() {
        return rates;
    }

    /** The one billing currency of the card (the currency of its rates), or {@link #DEFAULT_CURRENCY}. */
    public Currency currency() {
        return rates.isEmpty() ? DEFAULT_CURRENCY : rates.get(0).currency();
    }

    /** Every day on which some rate starts or stops applying (the day after an explicit last day), in order. */
    public List<LocalDate> changeDays() {
        return rates.stream()
                .flatMap(r -> r.to().isPresent() ? Stream.of(r.from(), r.to().get().plusDays(1)) : Stream.of(r.from()))
                .distinct().sorted().toList();
    }

    /** The rate of {@code deviceModel} in force on the UTC day {@code day}, if any. */
    public Optional<Rate> rateOn(String deviceModel, LocalDate day) {
        Rate candidate = null;
        for (Rate rate : rates) {
            if (rate.deviceModel().equals(deviceModel) && !rate.from().isAfter(day)) {
                candidate = rate;
            }
        }
        if (candidate == null || candidate.to().map(day::isAfter).orElse(false)) {
            return Optional.empty();
        }
        return Optional.of(candidate);
    }

    /**
     * The last day {@code rate} is in force: its explicit last day, or the day before the next rate of
     * its model starts; empty when it runs on until a later rate is set.
     */
    public Optional<LocalDate> lastDayInForce(Rate rate) {
        Optional<LocalDate> nextStart = rates.stream()
                .filter(r -> r.deviceModel().equals(rate.deviceModel()) && r.from().isAfter(rate.from()))
                .map(Rate::from).min(Comparator.naturalOrder());
        Optional<LocalDate> beforeNext = nextStart.map(d -> d.minusDays(1));
        if (rate.to().isPresent() && beforeNext.isPresent()) {
            return Optional.of(rate.to().get().isBefore(beforeNext.get()) ? rate.to().get() : beforeNext.get());
        }
        return rate.to().isPresent() ? rate.to() : beforeNext;
    }

    /** The existing rate that {@code candidate} would overlap (see the class comment), if any. */
    public Optional<Rate> overlapWith(Rate candidate) {
        for (Rate existing : rates) {
            if (!existing.deviceModel().equals(candidate.deviceModel())) {
                continue;
            }
            if (existing.from().equals(candidate.from())
                    || startsInside(candidate, existing) || startsInside(existing, candidate)) {
                return Optional.of(existing);
            }
        }
        return Optional.empty();
    }

    /** Whether {@code other} starts inside the explicit interval {@code (rate.from, rate.to]}. */
    private static boolean startsInside(Rate other, Rate rate) {
        return rate.to().isPresent() && other.from().isAfter(rate.from()) && !other.from().isAfter(rate.to().get());
    }

    /** The card with {@code rate} added (no checks: see {@link RateCardStore#add}). */
    public RateCard with(Rate rate) {
        List<Rate> more = new ArrayList<>(rates);
        more.add(rate);
        return new RateCard(more);
    }
}
