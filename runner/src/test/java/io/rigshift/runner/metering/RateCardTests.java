package io.rigshift.runner.metering;

import static org.assertj.core.api.Assertions.assertThat;

import io.rigshift.runner.metering.rates.Rate;
import io.rigshift.runner.metering.rates.RateCard;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Currency;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RateCardTests {

    private static final Currency USD = Currency.getInstance("USD");

    private static Rate rate(String model, String price, String from, String to) {
        return new Rate(model, new BigDecimal(price), USD, LocalDate.parse(from),
                Optional.ofNullable(to).map(LocalDate::parse));
    }

    @Test
    void rateAppliesFromItsDayUntilTheNextRateOfTheModelStarts() {
        RateCard card = new RateCard(List.of(rate("A40", "1.10", "2026-12-01", null),
                rate("A40", "1.25", "2027-01-01", null), rate("H100", "3.00", "2026-01-01", "2026-01-31")));

        assertThat(card.rateOn("A40", LocalDate.parse("2026-11-30"))).isEmpty();
        assertThat(card.rateOn("A40", LocalDate.parse("2026-12-01")).map(Rate::perDeviceHour)).contains(new BigDecimal("1.10"));
        assertThat(card.rateOn("A40", LocalDate.parse("2026-12-31")).map(Rate::perDeviceHour)).contains(new BigDecimal("1.10"));
        assertThat(card.rateOn("A40", LocalDate.parse("2027-01-01")).map(Rate::perDeviceHour)).contains(new BigDecimal("1.25"));
        assertThat(card.rateOn("H100", LocalDate.parse("2026-01-31"))).isPresent();
        assertThat(card.rateOn("H100", LocalDate.parse("2026-02-01"))).isEmpty();
        assertThat(card.rateOn("cpu", LocalDate.parse("2026-12-01"))).isEmpty();
        assertThat(card.lastDayInForce(card.rates().get(0))).contains(LocalDate.parse("2026-12-31"));
        assertThat(card.lastDayInForce(card.rates().get(1))).isEmpty();
    }

    @Test
    void sameDayOrStartInsideAnExplicitIntervalOverlaps() {
        RateCard card = new RateCard(List.of(rate("A40", "1.10", "2026-12-01", null),
                rate("A40", "1.00", "2027-02-01", "2027-02-28")));

        assertThat(card.overlapWith(rate("A40", "2.00", "2026-12-01", null))).map(Rate::from)
                .contains(LocalDate.parse("2026-12-01"));
        assertThat(card.overlapWith(rate("A40", "2.00", "2027-02-28", null))).map(Rate::from)
                .contains(LocalDate.parse("2027-02-01"));
        assertThat(card.overlapWith(rate("A40", "2.00", "2027-01-15", "2027-02-01"))).map(Rate::from)
                .contains(LocalDate.parse("2027-02-01"));
        // An open-ended rate gives way to the next one; other models never overlap.
        assertThat(card.overlapWith(rate("A40", "2.00", "2027-01-01", null))).isEmpty();
        assertThat(card.overlapWith(rate("A40", "2.00", "2027-03-01", null))).isEmpty();
        assertThat(card.overlapWith(rate("H100", "2.00", "2026-12-01", null))).isEmpty();
    }

    @Test
    void exactCostIsRoundedOnceHalfEvenToTheCurrencyScale() {
        // 1.10 per hour for 1 ms: 0.000000305... rounds to 0.00; 1,800,000 ms at 0.01: 0.005 -> 0.00 (half even)
        assertThat(ExactCost.of(new BigDecimal("1.10"), 1).amount(USD)).isEqualByComparingTo("0.00");
        assertThat(ExactCost.of(new BigDecimal("0.01"), 1_800_000).amount(USD)).isEqualTo(new BigDecimal("0.00"));
        assertThat(ExactCost.of(new BigDecimal("0.03"), 1_800_000).amount(USD)).isEqualTo(new BigDecimal("0.02"));
        // a third of an hour at 1.00: 0.3333... is not a terminating decimal; exact sums still add up
        ExactCost third = ExactCost.of(BigDecimal.ONE, 1_200_000);
        assertThat(third.plus(third).plus(third)).isEqualTo(ExactCost.of(BigDecimal.ONE, 3_600_000));
        assertThat(third.plus(third).plus(third).amount(USD)).isEqualTo(new BigDecimal("1.00"));
        assertThat(ExactCost.of(new BigDecimal("1000"), 3_600_000).amount(Currency.getInstance("JPY")))
                .isEqualTo(new BigDecimal("1000"));
    }
}
