package io.rigshift.datasets.occupancy;

import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class OccupancySamplerTests {

    /** A small ball known only through its inside test, so the generic near-surface search is used. */
    private static final OccupancyField SMALL_BALL = (x, y, z) -> x * x + y * y + z * z < 0.1 * 0.1;

    private final OccupancySampler sampler = new OccupancySampler();

    @Test
    void labelsAreBalancedAndTruthfulEvenForASmallShape() {
        int count = 1000;
        float[] xyz = new float[3 * count];
        float[] labels = new float[count];

        sampler.sample(SMALL_BALL, count, new SplittableRandom(1), xyz, labels, 0);

        int inside = 0;
        for (int p = 0; p < count; p++) {
            inside += (int) labels[p];
            assertEquals(SMALL_BALL.contains(xyz[3 * p], xyz[3 * p + 1], xyz[3 * p + 2]) ? 1f : 0f, labels[p], 0f);
            assertTrue(Math.abs(xyz[3 * p]) <= 0.5 && Math.abs(xyz[3 * p + 1]) <= 0.5 && Math.abs(xyz[3 * p + 2]) <= 0.5);
        }
        assertEquals(count / 2, inside);
    }

    @Test
    void aboutHalfTheOutsidePointsLieNearTheSurface() {
        int count = 2000;
        float[] xyz = new float[3 * count];
        float[] labels = new float[count];

        sampler.sample(SMALL_BALL, count, new SplittableRandom(2), xyz, labels, 0);

        int near = 0;
        int outside = 0;
        for (int p = 0; p < count; p++) {
            if (labels[p] == 0f) {
                outside++;
                double r = Math.sqrt(xyz[3 * p] * xyz[3 * p] + xyz[3 * p + 1] * xyz[3 * p + 1] + xyz[3 * p + 2] * xyz[3 * p + 2]);
                near += r < 0.1 + 2 * OccupancySampler.DEFAULT_BAND ? 1 : 0;
            }
        }
        double share = (double) near / outside;
        assertTrue(share > 0.4 && share < 0.6, "near-surface share of outside points " + share);
    }

    @Test
    void sameRandomSeedGivesSamePointsWrittenAtTheOffset() {
        float[] first = new float[3 * 40];
        float[] second = new float[3 * 40];
        float[] labels = new float[40];

        sampler.sample(SMALL_BALL, 20, new SplittableRandom(5), first, labels, 20);
        sampler.sample(SMALL_BALL, 20, new SplittableRandom(5), second, labels, 20);

        assertArrayEquals(first, second);
        assertArrayEquals(new float[60], Arrays.copyOf(first, 60), "points before the offset untouched");
    }

    @Test
    void emptyFieldStillFillsEverySlotWithOutsidePoints() {
        float[] labels = new float[10];
        labels[3] = 7f;

        sampler.sample((x, y, z) -> false, 10, new SplittableRandom(3), new float[30], labels, 0);

        assertArrayEquals(new float[10], labels);
    }

    @Test
    void precomputedPoolsAreDeterministicAndDrawBatchesFromTheirOwnField() {
        OccupancyField left = (x, y, z) -> x < -0.2;
        OccupancyField right = (x, y, z) -> x > 0.2;
        OccupancySamples pools = OccupancySamples.precompute(List.of(left, right), 256, sampler, 9);
        OccupancySamples again = OccupancySamples.precompute(List.of(left, right), 256, sampler, 9);
        float[] xyz = new float[3 * 100];
        float[] labels = new float[100];

        pools.draw(1, 100, new SplittableRandom(4), xyz, labels, 0);

        assertArrayEquals(pools.points(0), again.points(0));
        assertArrayEquals(pools.labels(1), again.labels(1));
        for (int p = 0; p < 100; p++) {
            assertEquals(right.contains(xyz[3 * p], xyz[3 * p + 1], xyz[3 * p + 2]) ? 1f : 0f, labels[p]);
        }
        float inside = 0;
        for (float label : pools.labels(0)) {
            inside += label;
        }
        assertEquals(128f, inside);
    }
}
