package io.rigshift.datasets.occupancy;

/**
 * Intersection over union of two occupancy grids, the evaluation score of a predicted shape against its target.
 */
public final class Iou {

    private Iou() {
    }

    /**
     * {@code |a and b| / |a or b|} over cells of equal-length grids, in [0, 1]. Two empty grids agree fully and
     * score 1.
     */
    public static double of(boolean[] a, boolean[] b) {
        if (a.length != b.length) {
            throw new IllegalArgumentException("grids differ in size: " + a.length + " vs " + b.length + " cells");
        }
        long intersection = 0;
        long union = 0;
        for (int i = 0; i < a.length; i++) {
            if (a[i] && b[i]) {
                intersection++;
            }
            if (a[i] || b[i]) {
                union++;
            }
        }
        return union == 0 ? 1.0 : (double) intersection / union;
    }

    /** IoU of predicted probabilities, read as inside above {@code threshold}, against a target grid. */
    public static double of(float[] probabilities, float threshold, boolean[] target) {
        return of(inside(probabilities, threshold), target);
    }

    /** The cells whose probability is above {@code threshold}. */
    public static boolean[] inside(float[] probabilities, float threshold) {
        boolean[] inside = new boolean[probabilities.length];
        for (int i = 0; i < probabilities.length; i++) {
            inside[i] = probabilities[i] > threshold;
        }
        return inside;
    }
}
