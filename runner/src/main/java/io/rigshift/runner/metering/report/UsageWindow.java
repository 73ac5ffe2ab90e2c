package io.rigshift.runner.metering.report;

import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.Optional;

/**
 * The stretch of time a report covers, {@code [fromMs, toMs)} in epoch milliseconds. Built from UTC
 * dates, so both ends are UTC midnights (or unbounded): a window never cuts a day in two.
 */
public record UsageWindow(long fromMs, long toMs) {

    /** The end of a window with no {@code --to}; far beyond any real timestamp, yet safe to compute with. */
    public static final long UNBOUNDED_END = Long.MAX_VALUE / 4;

    public static final UsageWindow ALL = new UsageWindow(0, UNBOUNDED_END);

    public UsageWindow {
        if (fromMs < 0 || toMs <= fromMs) {
            throw new IllegalArgumentException("empty or negative window [" + fromMs + ", " + toMs + ")");
        }
    }

    /** From the first day's midnight through the end of the last day (both UTC, both optional). */
    public static UsageWindow ofDays(Optional<LocalDate> firstDay, Optional<LocalDate> lastDay) {
        long from = firstDay.map(UsageWindow::midnight).orElse(0L);
        long to = lastDay.map(d -> midnight(d.plusDays(1))).orElse(UNBOUNDED_END);
        return new UsageWindow(from, to);
    }

    /** One calendar month, UTC. */
    public static UsageWindow ofMonth(YearMonth month) {
        return new UsageWindow(midnight(month.atDay(1)), midnight(month.plusMonths(1).atDay(1)));
    }

    public boolean isBoundedAbove() {
        return toMs < UNBOUNDED_END;
    }

    /** UTC midnight at the start of {@code day}, in epoch milliseconds. */
    public static long midnight(LocalDate day) {
        return day.atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli();
    }
}
