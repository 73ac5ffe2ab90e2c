package io.rigshift.runner.metering;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import io.rigshift.runner.metering.rates.Rate;
import io.rigshift.runner.metering.rates.RateCard;
import io.rigshift.runner.metering.report.UsageWindow;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Currency;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

/** The metering values refuse what cannot be billed, accept the edge that can, and format figures exactly. */
class MeteringValuesTests {

    private static final Currency USD = Currency.getInstance("USD");
    private static final LocalDate DEC_1 = LocalDate.parse("2026-12-01");

    @Test
    void rateRefusesWhatCannotBePricedAndAcceptsTheEdges() {
        assertThatIllegalArgumentException().isThrownBy(() -> rate(" ", "1", DEC_1, null)).withMessageContaining("blank");
        assertThatIllegalArgumentException().isThrownBy(() -> rate("A40", "-0.01", DEC_1, null))
                .withMessageContaining("-0.01");
        assertThatIllegalArgumentException().isThrownBy(() -> new Rate("A40", BigDecimal.ONE,
                Currency.getInstance("XXX"), DEC_1, Optional.empty())).withMessageContaining("XXX");
        assertThatIllegalArgumentException().isThrownBy(() -> rate("A40", "1", DEC_1, DEC_1.minusDays(1)))
                .withMessageContaining("2026-11-30").withMessageContaining("2026-12-01");
        // A free rate, a one-day rate and a currency without decimals are all fine.
        assertThat(rate("A40", "0", DEC_1, DEC_1).hasExplicitEnd()).isTrue();
        assertThat(rate("A40", "0", DEC_1, null).hasExplicitEnd()).isFalse();
        Rate yen = new Rate("A40", new BigDecimal("150"), Currency.getInstance("JPY"), DEC_1, Optional.empty());
        assertThat(yen.fromMs()).isEqualTo(UsageWindow.midnight(DEC_1)).isEqualTo(1_796_083_200_000L);
        assertThat(yen.describe()).isEqualTo("A40 150 JPY per device-hour from 2026-12-01");
        assertThat(rate("A40", "1.10", DEC_1, DEC_1.plusDays(30)).describe())
                .isEqualTo("A40 1.10 USD per device-hour from 2026-12-01 to 2026-12-31");
    }

    @Test
    void aRateEndsAtItsLastDayOrTheDayBeforeTheNextWhicheverIsFirst() {
        Rate early = rate("A40", "1", DEC_1, DEC_1.plusDays(4));
        Rate late = rate("A40", "2", DEC_1.plusDays(10), DEC_1.plusDays(40));
        Rate last = rate("A40", "3", DEC_1.plusDays(20), null);
        Rate other = rate("H100", "4", DEC_1.plusDays(2), null);
        RateCard card = new RateCard(List.of(last, other, late, early));
        assertThat(card.rates()).containsExactly(early, late, last, other);
        assertThat(card.currency()).isEqualTo(USD);
        assertThat(RateCard.empty().currency()).isEqualTo(RateCard.DEFAULT_CURRENCY);
        assertThat(card.lastDayInForce(early)).contains(DEC_1.plusDays(4));
        assertThat(card.lastDayInForce(late)).contains(DEC_1.plusDays(19));
        assertThat(card.lastDayInForce(last)).isEmpty();
        assertThat(card.lastDayInForce(other)).isEmpty();
        assertThat(card.changeDays()).containsExactly(DEC_1, DEC_1.plusDays(2), DEC_1.plusDays(5), DEC_1.plusDays(10),
                DEC_1.plusDays(20), DEC_1.plusDays(41));
        // Between an explicit end and the next start no rate applies.
        assertThat(card.rateOn("A40", DEC_1.plusDays(4))).contains(early);
        assertThat(card.rateOn("A40", DEC_1.plusDays(5))).isEmpty();
        assertThat(card.rateOn("A40", DEC_1.plusDays(10))).contains(late);
        assertThat(card.with(rate("cpu", "0.5", DEC_1, null)).rateOn("cpu", DEC_1)).isPresent();
    }

    @Test
    void usageStartRefusesWhatCannotBeMetered() {
        assertThatIllegalArgumentException().isThrownBy(() -> new UsageStart("acme", 1L, " ", "n", "A40", 1, 0))
                .withMessageContaining("lease id");
        assertThatIllegalArgumentException().isThrownBy(() -> UsageStart.lease("acme", 1L, "l", "n", "A40", 0, 0))
                .withMessageContaining("0");
        assertThatIllegalArgumentException().isThrownBy(() -> UsageStart.cpu("acme", 1L, "n", -1))
                .withMessageContaining("-1");
        assertThatIllegalArgumentException().isThrownBy(() -> UsageStart.cpu(" ", 1L, "n", 0))
                .withMessageContaining("tenant");
        assertThatIllegalArgumentException().isThrownBy(() -> new UsageStart("acme", 1L, null, "n", " ", 1, 0))
                .withMessageContaining("device model must not be blank");
        assertThatIllegalArgumentException().isThrownBy(() -> UsageStart.cpu("acme", 1L, null, 0))
                .withMessageContaining("node");
        UsageStart edge = UsageStart.lease("acme", null, "l", "n", "A40", 1, 0);
        assertThat(edge.deviceCount()).isEqualTo(1);
        assertThat(edge.startMs()).isZero();
        assertThat(UsageStart.cpu("acme", 2L, "n", 5).deviceModel()).isEqualTo(UsageStart.CPU_MODEL);
    }

    @Test
    void anOpenRecordIsBilledUpToNowAndNeverBelowZero() {
        UsageRecord open = record(OptionalLong.empty());
        assertThat(open.isOpen()).isTrue();
        assertThat(open.deviceMs(1_500)).isEqualTo(2 * 500);
        assertThat(open.deviceMs(900)).as("a clock behind the start").isZero();
        UsageRecord closed = record(OptionalLong.of(1_250));
        assertThat(closed.isOpen()).isFalse();
        assertThat(closed.deviceMs(9_999)).isEqualTo(2 * 250);
    }

    @Test
    void windowsAreNeverEmptyOrNegative() {
        assertThatIllegalArgumentException().isThrownBy(() -> new UsageWindow(-1, 10));
        assertThatIllegalArgumentException().isThrownBy(() -> new UsageWindow(10, 10));
        assertThat(new UsageWindow(0, 1).isBoundedAbove()).isTrue();
        assertThat(UsageWindow.ALL.isBoundedAbove()).isFalse();
        assertThat(new UsageWindow(0, UsageWindow.UNBOUNDED_END - 1).isBoundedAbove()).isTrue();
        assertThat(UsageWindow.ofDays(Optional.of(DEC_1), Optional.of(DEC_1)))
                .isEqualTo(new UsageWindow(UsageWindow.midnight(DEC_1), UsageWindow.midnight(DEC_1) + 86_400_000L));
        assertThat(UsageWindow.ofDays(Optional.empty(), Optional.empty())).isEqualTo(UsageWindow.ALL);
    }

    @Test
    void figuresAreWrittenPlainAndRoundedHalfEven() {
        assertThat(BillingFigures.deviceHours(1_800)).isEqualTo("0.000500");
        assertThat(BillingFigures.deviceHours(9)).as("2.5e-6 h, a tie, to even").isEqualTo("0.000002");
        assertThat(BillingFigures.deviceHours(27)).as("7.5e-6 h, a tie, to even").isEqualTo("0.000008");
        assertThat(BillingFigures.deviceHours(9, 9)).isEqualTo("0.000002500");
        assertThat(BillingFigures.unitPrice(new BigDecimal("1.1"), USD)).isEqualTo("1.10");
        assertThat(BillingFigures.unitPrice(new BigDecimal("1.10500"), USD)).isEqualTo("1.105");
        assertThat(BillingFigures.unitPrice(new BigDecimal("2E+1"), USD)).isEqualTo("20.00");
        assertThat(BillingFigures.unitPrice(new BigDecimal("2E+1"), Currency.getInstance("JPY"))).isEqualTo("20");
        assertThat(BillingFigures.percent(1, 0)).isEqualTo("-");
        assertThat(BillingFigures.percent(1, 3)).isEqualTo("33.3");
        assertThat(BillingFigures.percent(1, 8)).as("12.5, exact").isEqualTo("12.5");
        assertThat(BillingFigures.percent(1, 16)).as("6.25, a tie, to even").isEqualTo("6.2");
        assertThat(BillingFigures.money(ExactCost.of(new BigDecimal("0.03"), 1_800_000), USD)).isEqualTo("0.02");
        assertThat(BillingFigures.utc(UsageWindow.midnight(DEC_1) + 1_999)).isEqualTo("2026-12-01T00:00:01Z");
    }

    private static UsageRecord record(OptionalLong endMs) {
        return new UsageRecord(1, "acme", 7L, "l", "node-a", "A40", 2, 1_000, endMs, 1_000, Optional.empty(),
                io.rigshift.runner.node.ProcessIdentity.current());
    }

    private static Rate rate(String model, String price, LocalDate from, LocalDate to) {
        return new Rate(model, new BigDecimal(price), USD, from, Optional.ofNullable(to));
    }
}
