package io.rigshift.datasets.occupancy;

import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.IntStream;

/**
 * A fixed pool of labelled points per field, computed once at data preparation so a training step only copies floats:
 * the trainer draws minibatches with {@link #draw}. Costs 16 bytes per point (xyz and a label as floats).
 *
 * <p>Each field's pool comes from its own random stream derived from the seed and the field's index, so the pools do
 * not depend on thread scheduling or on how many other fields there are.
 */
public final class OccupancySamples {

    /** Default pool size per field. */
    public static final int DEFAULT_POINTS_PER_FIELD = 2048;

    private final int fieldCount;
    private final int pointsPerField;
    private final float[] xyz;
    private final float[] labels;

    private OccupancySamples(int fieldCount, int pointsPerField, float[] xyz, float[] labels) {
        this.fieldCount = fieldCount;
        this.pointsPerField = pointsPerField;
        this.xyz = xyz;
        this.labels = labels;
    }

    /** Samples {@code pointsPerField} balanced points for every field, in parallel, deterministically by seed. */
    public static OccupancySamples precompute(List<? extends OccupancyField> fields, int pointsPerField,
                                              OccupancySampler sampler, long seed) {
        if (pointsPerField < 2) {
            throw new IllegalArgumentException("need at least 2 points per field, got " + pointsPerField);
        }
        long total = (long) fields.size() * pointsPerField * 3;
        if (total > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException(fields.size() + " fields x " + pointsPerField
                    + " points do not fit one float array; use fewer points per field");
        }
        float[] xyz = new float[(int) total];
        float[] labels = new float[fields.size() * pointsPerField];
        IntStream.range(0, fields.size()).parallel().forEach(field -> {
            SplittableRandom random = new SplittableRandom(seed * 0x9E3779B97F4A7C15L + field);
            sampler.sample(fields.get(field), pointsPerField, random, xyz, labels, field * pointsPerField);
        });
        return new OccupancySamples(fields.size(), pointsPerField, xyz, labels);
    }

    public int fieldCount() {
        return fieldCount;
    }

    public int pointsPerField() {
        return pointsPerField;
    }

    /**
     * Copies {@code count} points of one field's pool, drawn uniformly with replacement, into
     * {@code xyz[3 * first ..]} and {@code labels[first ..]}.
     */
    public void draw(int field, int count, SplittableRandom random, float[] xyzOut, float[] labelsOut, int first) {
        checkField(field);
        if (count < 0 || first < 0 || labelsOut.length < first + count || xyzOut.length < 3 * (first + count)) {
            throw new IllegalArgumentException("arrays too small for " + count + " points from index " + first);
        }
        int base = field * pointsPerField;
        for (int p = 0; p < count; p++) {
            int source = base + random.nextInt(pointsPerField);
            System.arraycopy(xyz, 3 * source, xyzOut, 3 * (first + p), 3);
            labelsOut[first + p] = labels[source];
        }
    }

    /** A copy of one field's whole pool of points, xyz interleaved. */
    public float[] points(int field) {
        checkField(field);
        int base = field * pointsPerField;
        float[] copy = new float[3 * pointsPerField];
        System.arraycopy(xyz, 3 * base, copy, 0, copy.length);
        return copy;
    }

    /** A copy of one field's labels, 1 inside and 0 outside, in the order of {@link #points}. */
    public float[] labels(int field) {
        checkField(field);
        int base = field * pointsPerField;
        float[] copy = new float[pointsPerField];
        System.arraycopy(labels, base, copy, 0, pointsPerField);
        return copy;
    }

    private void checkField(int field) {
        if (field < 0 || field >= fieldCount) {
            throw new IndexOutOfBoundsException("field " + field + " of " + fieldCount);
        }
    }
}
