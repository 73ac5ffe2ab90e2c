package io.rigshift.jobs.text3d;

import java.util.SplittableRandom;

/**
 * Captioned shapes as the trainer consumes them: a word vector per shape and labelled points drawn
 * on demand. Implementations are deterministic: the same random source gives the same points.
 */
public interface OccupancyTrainingSet {

    /** Number of captioned shapes. */
    int size();

    /** Floats of text features per shape (see {@link TextFeatures}). */
    int textFeatures();

    /** Writes the {@link #textFeatures()} text features of shape {@code index} at {@code offset}. */
    void words(int index, float[] target, int offset);

    /**
     * Writes {@code count} labelled points of shape {@code index}: point {@code p} goes to
     * {@code xyz[3 * (first + p) .. +2]} and {@code labels[first + p]} (1 inside, 0 outside).
     */
    void points(int index, SplittableRandom random, float[] xyz, float[] labels, int first, int count);
}
