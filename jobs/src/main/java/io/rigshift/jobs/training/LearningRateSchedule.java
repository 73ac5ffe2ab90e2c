package io.rigshift.jobs.training;

import java.util.function.LongToDoubleFunction;

/**
 * Linear warm-up then cosine decay, a function of the update number only (never of time), so a
 * resumed run sees the same rates as an uninterrupted one.
 */
public record LearningRateSchedule(double peak, double floor, long warmupUpdates, long totalUpdates)
        implements LongToDoubleFunction {

    public LearningRateSchedule {
        if (!(peak > 0) || floor < 0 || floor > peak) {
            throw new IllegalArgumentException("learning rates must satisfy 0 <= floor <= peak, 0 < peak");
        }
        if (warmupUpdates < 0 || totalUpdates <= 0) {
            throw new IllegalArgumentException("update counts must be positive");
        }
    }

    @Override
    public double applyAsDouble(long update) {
        if (update <= warmupUpdates) {
            return peak * update / Math.max(1, warmupUpdates);
        }
        double progress = Math.min(1.0, (double) (update - warmupUpdates) / Math.max(1, totalUpdates - warmupUpdates));
        return floor + 0.5 * (peak - floor) * (1 + Math.cos(Math.PI * progress));
    }
}
