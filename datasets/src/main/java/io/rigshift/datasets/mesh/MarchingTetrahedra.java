package io.rigshift.datasets.mesh;

import io.rigshift.datasets.occupancy.UnitCubeGrid;

import java.util.HashMap;
import java.util.Map;

/**
 * Extracts the surface where a scalar field sampled on a {@link UnitCubeGrid} crosses an iso level, as a closed,
 * consistently wound triangle mesh.
 *
 * <p>Each grid cube is split into six tetrahedra around its main diagonal, which cuts neighbouring cubes' shared
 * faces the same way, so the surface has no cracks and needs no case tables. Vertices on a shared grid edge are
 * created once, so every edge of the result belongs to exactly two triangles. The grid is padded with a layer of
 * outside values, which closes surfaces that reach the border of the cube.
 */
public final class MarchingTetrahedra {

    /** Corner offsets (x, y, z) of a cube; corners 0 and 6 are the ends of the main diagonal. */
    private static final int[][] CORNERS = {
        {0, 0, 0}, {1, 0, 0}, {1, 1, 0}, {0, 1, 0}, {0, 0, 1}, {1, 0, 1}, {1, 1, 1}, {0, 1, 1}};
    /** Six tetrahedra sharing the diagonal 0-6; consecutive ring corners 1, 2, 3, 7, 4, 5 are cube neighbours. */
    private static final int[][] TETRAHEDRA = {
        {0, 6, 1, 2}, {0, 6, 2, 3}, {0, 6, 3, 7}, {0, 6, 7, 4}, {0, 6, 4, 5}, {0, 6, 5, 1}};

    private MarchingTetrahedra() {
    }

    /**
     * The surface of the region where {@code values > iso}. Pass occupancy probabilities with 0.5, or negated signed
     * distances with 0.
     *
     * @param values one value per grid cell, in {@link UnitCubeGrid#index} order
     */
    public static Mesh extract(float[] values, UnitCubeGrid grid, float iso) {
        if (values.length != grid.cellCount()) {
            throw new IllegalArgumentException("expected " + grid.cellCount() + " values for a "
                    + grid.resolution() + "^3 grid, got " + values.length);
        }
        return new Extraction(values, grid, iso).run();
    }

    /** The state of one extraction: the padded grid and the mesh being built. */
    private static final class Extraction {
        private final float[] values;
        private final UnitCubeGrid grid;
        private final float iso;
        /** Points per axis of the padded grid: one layer of outside values on each side. */
        private final int padded;
        private final DoubleList vertices = new DoubleList();
        private final IntList triangles = new IntList();
        private final Map<Long, Integer> vertexOnEdge = new HashMap<>();

        Extraction(float[] values, UnitCubeGrid grid, float iso) {
            this.values = values;
            this.grid = grid;
            this.iso = iso;
            this.padded = grid.resolution() + 2;
        }

        Mesh run() {
            int[] point = new int[8];
            boolean[] inside = new boolean[8];
            for (int x = 0; x < padded - 1; x++) {
                for (int y = 0; y < padded - 1; y++) {
                    for (int z = 0; z < padded - 1; z++) {
                        int insideCount = 0;
                        for (int c = 0; c < 8; c++) {
                            point[c] = paddedIndex(x + CORNERS[c][0], y + CORNERS[c][1], z + CORNERS[c][2]);
                            inside[c] = isInside(point[c]);
                            insideCount += inside[c] ? 1 : 0;
                        }
                        if (insideCount == 0 || insideCount == 8) {
                            continue;
                        }
                        for (int[] tetrahedron : TETRAHEDRA) {
                            polygonise(tetrahedron, point, inside);
                        }
                    }
                }
            }
            return new Mesh(vertices.toArray(), triangles.toArray());
        }

        private void polygonise(int[] tetrahedron, int[] point, boolean[] inside) {
            int[] in = new int[4];
            int[] out = new int[4];
            int inCount = 0, outCount = 0;
            for (int corner : tetrahedron) {
                if (inside[corner]) {
                    in[inCount++] = point[corner];
                } else {
                    out[outCount++] = point[corner];
                }
            }
            if (inCount == 1) {
                triangle(in, inCount, out, outCount, vertex(in[0], out[0]), vertex(in[0], out[1]), vertex(in[0], out[2]));
            } else if (inCount == 3) {
                triangle(in, inCount, out, outCount, vertex(in[0], out[0]), vertex(in[1], out[0]), vertex(in[2], out[0]));
            } else if (inCount == 2) {
                // The crossing is a quad whose corners, in order around it, lie on these four edges.
                int a = vertex(in[0], out[0]), b = vertex(in[0], out[1]);
                int c = vertex(in[1], out[1]), d = vertex(in[1], out[0]);
                triangle(in, inCount, out, outCount, a, b, c);
                triangle(in, inCount, out, outCount, a, c, d);
            }
        }

        /** Adds the triangle wound so that its normal points from the inside corners towards the outside ones. */
        private void triangle(int[] in, int inCount, int[] out, int outCount, int a, int b, int c) {
            double[] inCentre = centroid(in, inCount);
            double[] outCentre = centroid(out, outCount);
            int[] ids = {a, b, c};
            double[] v = new double[9];
            for (int i = 0; i < 9; i++) {
                v[i] = vertices.get(3 * ids[i / 3] + i % 3);
            }
            double ux = v[3] - v[0], uy = v[4] - v[1], uz = v[5] - v[2];
            double wx = v[6] - v[0], wy = v[7] - v[1], wz = v[8] - v[2];
            double nx = uy * wz - uz * wy, ny = uz * wx - ux * wz, nz = ux * wy - uy * wx;
            double facing = nx * (outCentre[0] - inCentre[0]) + ny * (outCentre[1] - inCentre[1])
                    + nz * (outCentre[2] - inCentre[2]);
            triangles.add(a);
            triangles.add(facing >= 0 ? b : c);
            triangles.add(facing >= 0 ? c : b);
        }

        private double[] centroid(int[] points, int count) {
            double[] centre = new double[3];
            for (int i = 0; i < count; i++) {
                int p = points[i];
                centre[0] += coordinate(p / (padded * padded)) / count;
                centre[1] += coordinate((p / padded) % padded) / count;
                centre[2] += coordinate(p % padded) / count;
            }
            return centre;
        }

        /** The vertex where the surface crosses the grid edge between two points, created on first use. */
        private int vertex(int insidePoint, int outsidePoint) {
            long key = (long) Math.min(insidePoint, outsidePoint) * padded * padded * padded
                    + Math.max(insidePoint, outsidePoint);
            Integer existing = vertexOnEdge.get(key);
            if (existing != null) {
                return existing;
            }
            float insideValue = values[cellIndex(insidePoint)];
            // Padding carries no value: put crossings towards it half-way.
            double t = isPadding(outsidePoint) ? 0.5
                    : Math.max(0, Math.min(1, (insideValue - iso) / (insideValue - values[cellIndex(outsidePoint)])));
            int id = vertices.size() / 3;
            int[] in = coordinates(insidePoint);
            int[] out = coordinates(outsidePoint);
            for (int axis = 0; axis < 3; axis++) {
                vertices.add(coordinate(in[axis]) + t * (coordinate(out[axis]) - coordinate(in[axis])));
            }
            vertexOnEdge.put(key, id);
            return id;
        }

        private int[] coordinates(int paddedPoint) {
            return new int[] {paddedPoint / (padded * padded), (paddedPoint / padded) % padded, paddedPoint % padded};
        }

        /** Unit-cube coordinate of a padded grid index (index 0 and the last lie outside the cube). */
        private double coordinate(int paddedIndex) {
            return grid.coordinate(paddedIndex - 1);
        }

        private int paddedIndex(int x, int y, int z) {
            return (x * padded + y) * padded + z;
        }

        private boolean isPadding(int paddedPoint) {
            int[] c = coordinates(paddedPoint);
            return c[0] == 0 || c[1] == 0 || c[2] == 0 || c[0] == padded - 1 || c[1] == padded - 1
                    || c[2] == padded - 1;
        }

        private int cellIndex(int paddedPoint) {
            int[] c = coordinates(paddedPoint);
            return grid.index(c[0] - 1, c[1] - 1, c[2] - 1);
        }

        private boolean isInside(int paddedPoint) {
            return !isPadding(paddedPoint) && values[cellIndex(paddedPoint)] > iso;
        }
    }
}
