package io.rigshift.runner.metering.report;

import java.time.LocalDate;
import java.time.YearMonth;

/**
 * A slice of usage: one device model, one combination of the requested dimensions (a dimension not
 * requested is null; {@code jobExecutionId} is also null for runs without one), over a stretch of
 * whole UTC days starting on {@code day} within which no rate changes: one day in a daily read, or
 * the stretch between two boundaries in a read by period. One rate prices all of it.
 *
 * @param day      the first UTC day of the slice's stretch
 * @param deviceMs exact device-milliseconds (device count × clamped milliseconds)
 * @param open     whether some of it comes from records still open (counted up to now)
 */
public record UsageSlice(String tenant, Long jobExecutionId, String node, String deviceModel, LocalDate day,
        long deviceMs, boolean open) {

    /** The month of the slice's first day (daily slices lie within one month). */
    public YearMonth month() {
        return YearMonth.from(day);
    }
}
