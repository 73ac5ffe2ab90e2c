package io.rigshift.datasets.occupancy;

import java.util.SplittableRandom;

/**
 * A solid in the unit cube {@code [-0.5, 0.5]^3} that answers "is this point inside?": procedural shapes, user meshes
 * and voxel grids all implement it, so {@link OccupancySampler} can draw training points from any of them.
 *
 * <p>Axes: x grows to the right, y upward and z towards the viewer (the front).
 */
@FunctionalInterface
public interface OccupancyField {

    /** Tries made by the default {@link #nearSurfacePoint} before it settles for a uniform point. */
    int NEAR_SURFACE_ATTEMPTS = 2_000;

    /** Whether the point lies inside the solid (points on the boundary may go either way). */
    boolean contains(double x, double y, double z);

    /** A box holding the solid, within the unit cube; the whole cube unless a field knows better. */
    default Bounds bounds() {
        return Bounds.UNIT_CUBE;
    }

    /**
     * Writes into {@code point[0..2]} a point of the unit cube lying within about {@code band} of the boundary.
     *
     * <p>This default works for any field: it looks for a point whose neighbour at distance {@code band} is on the
     * other side of the boundary. Fields that know their surface (signed distances, triangles) override it with
     * something faster. If no boundary is found, for instance because the field is empty, a uniform point is
     * written.
     */
    default void nearSurfacePoint(SplittableRandom random, double band, double[] point) {
        Bounds region = bounds().expand(band).clampTo(Bounds.UNIT_CUBE);
        for (int attempt = 0; attempt < NEAR_SURFACE_ATTEMPTS; attempt++) {
            double x = region.minX() + random.nextDouble() * region.sizeX();
            double y = region.minY() + random.nextDouble() * region.sizeY();
            double z = region.minZ() + random.nextDouble() * region.sizeZ();
            // A uniformly random direction: normalised Gaussian vector.
            double dx = random.nextGaussian(), dy = random.nextGaussian(), dz = random.nextGaussian();
            double scale = band / Math.max(1e-12, Math.sqrt(dx * dx + dy * dy + dz * dz));
            point[0] = x;
            point[1] = y;
            point[2] = z;
            if (contains(x, y, z) != contains(x + dx * scale, y + dy * scale, z + dz * scale)) {
                return;
            }
        }
    }
}
