package io.rigshift.datasets.occupancy;

import io.rigshift.datasets.shapes.Point3;
import io.rigshift.datasets.shapes.Sphere;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class OccupancySamplerTests {

    /** A small ball known only through its inside test, so the generic near-surface search is used. */
    private static final OccupancyField SMALL_BALL = (x, y, z) -> x * x + y * y + z * z < 0.1 * 0.1;

    private final OccupancySampler sampler = new OccupancySampler();

    @Test
    void labelsAreTruthfulAndPointsStayInTheCube() {
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
        assertTrue(inside > count / 10, "a small ball still gets inside points from the band: " + inside);
    }

    /**
     * The property the sampler exists for: just inside and just outside the surface, points are drawn with the same
     * density per unit volume, so the network's learnt boundary is not pushed either way. (Forcing 50/50 labels made
     * this ratio about 2 for a shape this size.)
     */
    @Test
    void nearTheSurfaceInsideAndOutsideAreDrawnWithEqualDensity() {
        double radius = 0.2;
        double band = OccupancySampler.DEFAULT_BAND;
        Sphere sphere = new Sphere(Point3.ORIGIN, radius);
        int count = 40_000;
        float[] xyz = new float[3 * count];
        float[] labels = new float[count];

        sampler.sample(sphere, count, new SplittableRandom(2), xyz, labels, 0);

        int justInside = 0;
        int justOutside = 0;
        for (int p = 0; p < count; p++) {
            double r = Math.sqrt(xyz[3 * p] * xyz[3 * p] + xyz[3 * p + 1] * xyz[3 * p + 1] + xyz[3 * p + 2] * xyz[3 * p + 2]);
            if (r > radius - band && r < radius) {
                justInside++;
            } else if (r >= radius && r < radius + band) {
                justOutside++;
            }
        }
        double insideShell = Math.pow(radius, 3) - Math.pow(radius - band, 3);
        double outsideShell = Math.pow(radius + band, 3) - Math.pow(radius, 3);
        double densityRatio = (justInside / insideShell) / (justOutside / outsideShell);
        assertTrue(densityRatio > 0.92 && densityRatio < 1.08, "inside/outside density ratio at the surface "
                + densityRatio + " (" + justInside + " just inside, " + justOutside + " just outside)");
    }

    @Test
    void theNearSurfaceShareOfPointsLiesInTheBand() {
        Sphere sphere = new Sphere(Point3.ORIGIN, 0.1);
        int count = 2000;
        float[] xyz = new float[3 * count];
        OccupancySampler mostlyNear = new OccupancySampler(0.02, 0.8);

        mostlyNear.sample(sphere, count, new SplittableRandom(3), xyz, new float[count], 0);

        int inBand = 0;
        for (int p = 0; p < count; p++) {
            inBand += Math.abs(sphere.signedDistance(xyz[3 * p], xyz[3 * p + 1], xyz[3 * p + 2])) < 0.02 ? 1 : 0;
        }
        // 1600 band points, plus the few uniform points (about 0.1 % of the cube's volume) that fall in the band.
        assertTrue(inBand >= 1600 && inBand < 1640, "points in the band: " + inBand);
    }

    @Test
    void badBandOrShareIsRefusedNamingTheValue() {
        var band = assertThrows(IllegalArgumentException.class, () -> new OccupancySampler(0.7, 0.5));
        assertTrue(band.getMessage().contains("0.7"), band.getMessage());
        var share = assertThrows(IllegalArgumentException.class, () -> new OccupancySampler(0.03, 1.5));
        assertTrue(share.getMessage().contains("1.5"), share.getMessage());
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
    }
}
