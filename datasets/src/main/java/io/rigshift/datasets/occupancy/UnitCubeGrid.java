package io.rigshift.datasets.occupancy;

/**
 * A regular {@code n x n x n} grid of cell centres over the unit cube {@code [-0.5, 0.5]^3}: the sample points used
 * to evaluate occupancy (IoU) and to extract surfaces.
 *
 * <p>Cell {@code (i, j, k)} along x, y, z has its centre at {@code -0.5 + (i + 0.5) / n} (and likewise for y, z) and
 * index {@code (i * n + j) * n + k}: x varies slowest and z fastest.
 */
public record UnitCubeGrid(int resolution) {

    /** Largest resolution whose cell count fits an array. */
    public static final int MAX_RESOLUTION = 1024;

    public UnitCubeGrid {
        if (resolution < 2 || resolution > MAX_RESOLUTION) {
            throw new IllegalArgumentException("grid resolution must be in [2, " + MAX_RESOLUTION + "], got "
                    + resolution);
        }
    }

    /** Number of cells, {@code resolution^3}. */
    public int cellCount() {
        return resolution * resolution * resolution;
    }

    /** Centre coordinate of cell {@code i} along any axis. */
    public double coordinate(int i) {
        return -0.5 + (i + 0.5) / resolution;
    }

    public int index(int i, int j, int k) {
        return (i * resolution + j) * resolution + k;
    }

    /** All cell centres, xyz interleaved in index order: ready to feed a model in one array. */
    public float[] centers() {
        float[] xyz = new float[3 * cellCount()];
        int p = 0;
        for (int i = 0; i < resolution; i++) {
            for (int j = 0; j < resolution; j++) {
                for (int k = 0; k < resolution; k++) {
                    xyz[p++] = (float) coordinate(i);
                    xyz[p++] = (float) coordinate(j);
                    xyz[p++] = (float) coordinate(k);
                }
            }
        }
        return xyz;
    }

    /** Whether each cell centre lies inside the field, in index order. */
    public boolean[] occupancy(OccupancyField field) {
        boolean[] inside = new boolean[cellCount()];
        for (int i = 0; i < resolution; i++) {
            for (int j = 0; j < resolution; j++) {
                for (int k = 0; k < resolution; k++) {
                    inside[index(i, j, k)] = field.contains(coordinate(i), coordinate(j), coordinate(k));
                }
            }
        }
        return inside;
    }
}
