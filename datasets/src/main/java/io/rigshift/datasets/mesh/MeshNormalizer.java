package io.rigshift.datasets.mesh;

import io.rigshift.datasets.occupancy.Bounds;

/**
 * Fits user solids into the unit cube {@code [-0.5, 0.5]^3}: centres their bounding box at the origin and scales
 * uniformly, keeping the aspect ratio, so the longest side spans the cube less a margin on each side.
 */
public final class MeshNormalizer {

    /** Default gap between the solid and each face of the cube. */
    public static final double DEFAULT_MARGIN = 0.05;

    private MeshNormalizer() {
    }

    public static Mesh normalize(Mesh mesh) {
        return normalize(mesh, DEFAULT_MARGIN);
    }

    /** The mesh moved and scaled into the cube; the mesh needs at least one vertex. */
    public static Mesh normalize(Mesh mesh, double margin) {
        if (mesh.vertexCount() == 0) {
            throw new IllegalArgumentException("cannot normalise a mesh without vertices");
        }
        Bounds bounds = mesh.bounds();
        double scale = scaleFor(bounds.maxHalfSize(), margin);
        double[] source = mesh.vertices();
        double[] moved = new double[source.length];
        for (int i = 0; i < source.length; i += 3) {
            moved[i] = (source[i] - bounds.centerX()) * scale;
            moved[i + 1] = (source[i + 1] - bounds.centerY()) * scale;
            moved[i + 2] = (source[i + 2] - bounds.centerZ()) * scale;
        }
        return new Mesh(moved, mesh.triangles().clone());
    }

    public static VoxelGrid normalize(VoxelGrid grid) {
        return normalize(grid, DEFAULT_MARGIN);
    }

    /** The grid moved and scaled so its occupied voxels sit in the cube; an empty grid is only centred. */
    public static VoxelGrid normalize(VoxelGrid grid, double margin) {
        Bounds occupied = grid.occupiedBounds().orElse(grid.bounds());
        double scale = scaleFor(occupied.maxHalfSize(), margin);
        return new VoxelGrid(grid.resolution(),
                (grid.originX() - occupied.centerX()) * scale,
                (grid.originY() - occupied.centerY()) * scale,
                (grid.originZ() - occupied.centerZ()) * scale,
                grid.scale() * scale, grid.occupied());
    }

    /** The factor that makes half the longest side {@code 0.5 - margin}: by halves, so huge solids do not overflow. */
    private static double scaleFor(double halfSize, double margin) {
        if (!(margin >= 0 && margin < 0.5)) {
            throw new IllegalArgumentException("margin must be in [0, 0.5), got " + margin);
        }
        return halfSize > 0 ? (0.5 - margin) / halfSize : 1;
    }
}
