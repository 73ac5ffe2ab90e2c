package io.rigshift.datasets.mesh;

import io.rigshift.datasets.occupancy.Bounds;
import io.rigshift.datasets.occupancy.OccupancyField;

import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;

/**
 * A cubic occupancy grid of {@code resolution^3} voxels covering the cube from {@code (originX, originY, originZ)}
 * with side {@code scale}, as stored in binvox files. Voxel {@code (i, j, k)} along x, y, z has index
 * {@code (i * resolution + j) * resolution + k}, the order of {@link io.rigshift.datasets.occupancy.UnitCubeGrid}.
 *
 * <p>The array is taken as it is, not copied: treat it as read-only.
 */
public record VoxelGrid(int resolution, double originX, double originY, double originZ, double scale,
                        boolean[] occupied) implements OccupancyField {

    public VoxelGrid {
        if (resolution < 1 || (long) resolution * resolution * resolution != occupied.length) {
            throw new IllegalArgumentException("a voxel grid of resolution " + resolution + " needs "
                    + (long) resolution * resolution * resolution + " cells, got " + occupied.length);
        }
        if (!(scale > 0 && Double.isFinite(scale) && Double.isFinite(originX) && Double.isFinite(originY)
                && Double.isFinite(originZ))) {
            throw new IllegalArgumentException("voxel grid needs a finite origin and positive scale, got origin ("
                    + originX + ", " + originY + ", " + originZ + ") scale " + scale);
        }
    }

    public int index(int i, int j, int k) {
        return (i * resolution + j) * resolution + k;
    }

    /** Number of occupied voxels. */
    public int occupiedCount() {
        int count = 0;
        for (boolean cell : occupied) {
            if (cell) {
                count++;
            }
        }
        return count;
    }

    @Override
    public boolean contains(double x, double y, double z) {
        int i = cell(x - originX), j = cell(y - originY), k = cell(z - originZ);
        return i >= 0 && j >= 0 && k >= 0 && i < resolution && j < resolution && k < resolution
                && occupied[index(i, j, k)];
    }

    private int cell(double offset) {
        return (int) Math.floor(offset / scale * resolution);
    }

    /** The cube the grid covers. */
    @Override
    public Bounds bounds() {
        return new Bounds(originX, originY, originZ, originX + scale, originY + scale, originZ + scale);
    }

    /** The box around the occupied voxels, or empty when none is. */
    public Optional<Bounds> occupiedBounds() {
        int lowI = resolution, lowJ = resolution, lowK = resolution, highI = -1, highJ = -1, highK = -1;
        for (int i = 0; i < resolution; i++) {
            for (int j = 0; j < resolution; j++) {
                for (int k = 0; k < resolution; k++) {
                    if (occupied[index(i, j, k)]) {
                        lowI = Math.min(lowI, i);
                        lowJ = Math.min(lowJ, j);
                        lowK = Math.min(lowK, k);
                        highI = Math.max(highI, i);
                        highJ = Math.max(highJ, j);
                        highK = Math.max(highK, k);
                    }
                }
            }
        }
        if (highI < 0) {
            return Optional.empty();
        }
        double voxel = scale / resolution;
        return Optional.of(new Bounds(originX + lowI * voxel, originY + lowJ * voxel,
                originZ + lowK * voxel, originX + (highI + 1) * voxel, originY + (highJ + 1) * voxel,
                originZ + (highK + 1) * voxel));
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof VoxelGrid grid && resolution == grid.resolution
                && Double.compare(originX, grid.originX) == 0 && Double.compare(originY, grid.originY) == 0
                && Double.compare(originZ, grid.originZ) == 0 && Double.compare(scale, grid.scale) == 0
                && Arrays.equals(occupied, grid.occupied);
    }

    @Override
    public int hashCode() {
        return 31 * Objects.hash(resolution, originX, originY, originZ, scale) + Arrays.hashCode(occupied);
    }

    @Override
    public String toString() {
        return "VoxelGrid[" + resolution + "^3, origin (" + originX + ", " + originY + ", " + originZ + "), scale "
                + scale + ", " + occupiedCount() + " occupied]";
    }
}
