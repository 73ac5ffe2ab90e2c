package io.rigshift.datasets.occupancy;

import java.util.SplittableRandom;

/**
 * Draws labelled training points from an {@link OccupancyField}: candidates come alternately from near the surface
 * and uniformly from the unit cube, and are kept until inside and outside points are balanced 50/50, the outside half
 * itself split evenly between near-surface and uniform points.
 *
 * <p>Points are written into caller-owned float arrays (xyz interleaved, labels 1 inside and 0 outside) so a trainer
 * can fill one batch array without allocating per point. The output depends only on the field and the random source,
 * so a seeded {@link SplittableRandom} gives repeatable samples. Instances are immutable and thread-safe; the random
 * source is not, so use one per thread.
 */
public final class OccupancySampler {

    /** Default half-width of the near-surface band, in unit-cube units. */
    public static final double DEFAULT_BAND = 0.03;

    /** Candidate budget per requested point before balancing gives up (a field with no inside, say). */
    private static final int CANDIDATES_PER_POINT = 200;

    private final double band;

    /** A sampler with the {@link #DEFAULT_BAND}. */
    public OccupancySampler() {
        this(DEFAULT_BAND);
    }

    /** A sampler whose near-surface points lie within about {@code band} of the surface. */
    public OccupancySampler(double band) {
        if (!(band > 0 && band < 0.5)) {
            throw new IllegalArgumentException("near-surface band must be in (0, 0.5), got " + band);
        }
        this.band = band;
    }

    public double band() {
        return band;
    }

    /**
     * Writes {@code count} labelled points: point {@code p} goes to {@code xyz[3 * (first + p) .. +2]} and
     * {@code labels[first + p]}.
     *
     * <p>Half the points (rounded down) are inside and the rest outside, unless the field has too little inside or
     * outside to find them; then the remaining slots take whatever the candidates were, labelled truthfully.
     */
    public void sample(OccupancyField field, int count, SplittableRandom random, float[] xyz, float[] labels, int first) {
        if (count < 0 || first < 0 || labels.length < first + count || xyz.length < 3 * (first + count)) {
            throw new IllegalArgumentException("arrays too small for " + count + " points from index " + first
                    + ": labels " + labels.length + ", xyz " + xyz.length);
        }
        int insideWanted = count / 2;
        // Outside points are easy to find anywhere, so split them evenly between the two sources; inside points
        // take what comes, since a small solid is rarely hit uniformly.
        int nearOutsideWanted = (count - insideWanted) / 2;
        int uniformOutsideWanted = count - insideWanted - nearOutsideWanted;
        int written = 0;
        double[] point = new double[3];
        long budget = (long) CANDIDATES_PER_POINT * Math.max(1, count);
        for (long candidate = 0; written < count && candidate < budget; candidate++) {
            boolean nearSurface = candidate % 2 == 0;
            boolean inside = drawCandidate(field, nearSurface, random, point);
            if (inside && insideWanted > 0) {
                insideWanted--;
            } else if (!inside && nearSurface && nearOutsideWanted > 0) {
                nearOutsideWanted--;
            } else if (!inside && !nearSurface && uniformOutsideWanted > 0) {
                uniformOutsideWanted--;
            } else {
                continue;
            }
            write(point, inside, xyz, labels, first + written++);
        }
        while (written < count) {
            boolean inside = drawCandidate(field, written % 2 == 0, random, point);
            write(point, inside, xyz, labels, first + written++);
        }
    }

    private boolean drawCandidate(OccupancyField field, boolean nearSurface, SplittableRandom random, double[] point) {
        if (nearSurface) {
            field.nearSurfacePoint(random, band, point);
        } else {
            point[0] = random.nextDouble() - 0.5;
            point[1] = random.nextDouble() - 0.5;
            point[2] = random.nextDouble() - 0.5;
        }
        return field.contains(point[0], point[1], point[2]);
    }

    private static void write(double[] point, boolean inside, float[] xyz, float[] labels, int index) {
        xyz[3 * index] = (float) point[0];
        xyz[3 * index + 1] = (float) point[1];
        xyz[3 * index + 2] = (float) point[2];
        labels[index] = inside ? 1f : 0f;
    }
}
