package io.rigshift.datasets.shapes;

/**
 * How many procedural shapes each split of the sample job has: its two presets (smoke and
 * standard), with the training count overridable.
 */
public record ProceduralSplits(int train, int validation, int novel) {

    public ProceduralSplits {
        if (train <= 0 || validation < 0 || novel < 0) {
            throw new IllegalArgumentException("samples must be positive, was " + train);
        }
    }

    /** The smoke preset: 96 training shapes (or {@code samples}), 8 validation, 8 novel. */
    public static ProceduralSplits smoke(Integer samples) {
        return new ProceduralSplits(samples == null ? 96 : samples, 8, 8);
    }

    /** The standard preset: 16384 training shapes (or {@code samples}), 128 validation, 64 novel. */
    public static ProceduralSplits standard(Integer samples) {
        return new ProceduralSplits(samples == null ? 16384 : samples, 128, 64);
    }
}
