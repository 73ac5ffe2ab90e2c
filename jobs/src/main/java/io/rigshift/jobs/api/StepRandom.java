package io.rigshift.jobs.api;

import java.util.SplittableRandom;

/**
 * Random numbers that are a function of (seed, step, stream) only, so that a resumed run draws
 * exactly what an uninterrupted one drew: never keep a generator across batches.
 *
 * @param seed the run's seed ({@code --seed})
 */
public record StepRandom(long seed) {

    /** A generator for one step and one stream (0 for data, 1 for dropout, say). */
    public SplittableRandom forStep(long step, int stream) {
        return new SplittableRandom(mix(mix(seed ^ 0x5DEECE66DL) + step * 0x9E3779B97F4A7C15L + stream));
    }

    /** A seed for an engine's own generator at a step (DJL's {@code Engine.setRandomSeed}). */
    public int engineSeed(long step) {
        return (int) mix(seed * 31 + step);
    }

    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
