package io.rigshift.datasets.shapes;

import io.rigshift.datasets.occupancy.Bounds;
import io.rigshift.datasets.occupancy.OccupancyField;

import java.util.SplittableRandom;

/**
 * An analytic solid in the unit cube {@code [-0.5, 0.5]^3} (x right, y up, z front) with an exact inside test and a
 * signed distance, negative inside.
 *
 * <p>The signed distance is exact for spheres, boxes, cylinders, cones, tori and capsules; for pyramids, shells and
 * unions it is exact in sign and never larger in magnitude than the true distance, which is all near-surface sampling
 * and surface extraction need.
 */
public sealed interface Shape extends OccupancyField
        permits Sphere, Box, Cylinder, Cone, Torus, Pyramid, Capsule, Shell, Union {

    /** Rejection-sampling tries for a near-surface point before falling back to the generic search. */
    int SURFACE_BAND_ATTEMPTS = 1_000;

    /** Signed distance to the surface: negative inside, positive outside, in unit-cube units. */
    double signedDistance(double x, double y, double z);

    /** The tight axis-aligned box around the solid. */
    @Override
    Bounds bounds();

    /** The same solid moved by the given offset. */
    Shape translated(double dx, double dy, double dz);

    @Override
    default boolean contains(double x, double y, double z) {
        return signedDistance(x, y, z) < 0;
    }

    /** Rejection-samples the box around the solid for a point with {@code |signed distance| < band}. */
    @Override
    default void nearSurfacePoint(SplittableRandom random, double band, double[] point) {
        Bounds region = bounds().expand(band).clampTo(Bounds.UNIT_CUBE);
        for (int attempt = 0; attempt < SURFACE_BAND_ATTEMPTS; attempt++) {
            double x = region.minX() + random.nextDouble() * region.sizeX();
            double y = region.minY() + random.nextDouble() * region.sizeY();
            double z = region.minZ() + random.nextDouble() * region.sizeZ();
            if (Math.abs(signedDistance(x, y, z)) < band) {
                point[0] = x;
                point[1] = y;
                point[2] = z;
                return;
            }
        }
        OccupancyField.super.nearSurfacePoint(random, band, point);
    }
}
