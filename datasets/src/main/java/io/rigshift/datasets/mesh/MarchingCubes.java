package io.rigshift.datasets.mesh;

import io.rigshift.datasets.occupancy.UnitCubeGrid;

import java.util.HashMap;
import java.util.Map;

/**
 * Extracts the smooth surface where a continuous scalar field sampled on a {@link UnitCubeGrid} crosses an iso
 * level, by marching cubes (Lorensen and Cline 1987): one cube between eight neighbouring cell centres at a time,
 * its triangles looked up in {@link CubeCases} by which corners are inside, each vertex placed on its cube edge by
 * linear interpolation of the field.
 *
 * <p>The result is indexed (a vertex on a grid edge is created once and shared by every cube around that edge),
 * closed (every edge belongs to exactly two triangles, as the case table cuts shared cube faces alike on both sides)
 * and wound counter-clockwise seen from outside. The grid is padded with a layer of outside values, which closes
 * surfaces that reach the border of the cube; crossings towards the padding lie half-way.
 */
public final class MarchingCubes {

    private MarchingCubes() {
    }

    /**
     * The surface of the region where {@code values > iso}: occupancy probabilities with 0.5, or negated signed
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
        /** Vertex id by grid edge: {@code 3 * (padded index of the edge's lower end) + axis}. */
        private final Map<Long, Integer> vertexOnEdge = new HashMap<>();

        Extraction(float[] values, UnitCubeGrid grid, float iso) {
            this.values = values;
            this.grid = grid;
            this.iso = iso;
            this.padded = grid.resolution() + 2;
        }

        Mesh run() {
            int[] cubeVertex = new int[CubeCases.EDGES.length];
            for (int x = 0; x < padded - 1; x++) {
                for (int y = 0; y < padded - 1; y++) {
                    for (int z = 0; z < padded - 1; z++) {
                        int cubeCase = 0;
                        for (int c = 0; c < 8; c++) {
                            int[] offset = CubeCases.CORNERS[c];
                            if (isInside(x + offset[0], y + offset[1], z + offset[2])) {
                                cubeCase |= 1 << c;
                            }
                        }
                        int[] edges = CubeCases.triangles(cubeCase);
                        if (edges.length == 0) {
                            continue;
                        }
                        int crossed = CubeCases.crossedEdges(cubeCase);
                        for (int e = 0; e < CubeCases.EDGES.length; e++) {
                            if ((crossed & 1 << e) != 0) {
                                cubeVertex[e] = vertex(x, y, z, e);
                            }
                        }
                        for (int edge : edges) {
                            triangles.add(cubeVertex[edge]);
                        }
                    }
                }
            }
            return new Mesh(vertices.toArray(), triangles.toArray());
        }

        /** The vertex on edge {@code e} of the cube whose lowest corner is padded point (x, y, z). */
        private int vertex(int x, int y, int z, int e) {
            int[] from = CubeCases.CORNERS[CubeCases.EDGES[e][0]];
            int[] to = CubeCases.CORNERS[CubeCases.EDGES[e][1]];
            int ax = x + Math.min(from[0], to[0]), ay = y + Math.min(from[1], to[1]), az = z + Math.min(from[2], to[2]);
            int axis = from[0] != to[0] ? 0 : from[1] != to[1] ? 1 : 2;
            long key = 3L * ((long) (ax * padded + ay) * padded + az) + axis;
            Integer existing = vertexOnEdge.get(key);
            if (existing != null) {
                return existing;
            }
            int bx = ax + (axis == 0 ? 1 : 0), by = ay + (axis == 1 ? 1 : 0), bz = az + (axis == 2 ? 1 : 0);
            double t;
            if (isPadding(ax, ay, az) || isPadding(bx, by, bz)) {
                t = 0.5; // padding carries no value
            } else {
                float a = value(ax, ay, az), b = value(bx, by, bz);
                t = Math.max(0, Math.min(1, (iso - a) / (double) (b - a)));
            }
            int id = vertices.size() / 3;
            vertices.add(coordinate(ax) + (axis == 0 ? t / grid.resolution() : 0));
            vertices.add(coordinate(ay) + (axis == 1 ? t / grid.resolution() : 0));
            vertices.add(coordinate(az) + (axis == 2 ? t / grid.resolution() : 0));
            vertexOnEdge.put(key, id);
            return id;
        }

        /** Unit-cube coordinate of a padded grid index (index 0 and the last lie outside the cube). */
        private double coordinate(int paddedIndex) {
            return grid.coordinate(paddedIndex - 1);
        }

        private boolean isPadding(int x, int y, int z) {
            return x == 0 || y == 0 || z == 0 || x == padded - 1 || y == padded - 1 || z == padded - 1;
        }

        private float value(int x, int y, int z) {
            return values[grid.index(x - 1, y - 1, z - 1)];
        }

        private boolean isInside(int x, int y, int z) {
            return !isPadding(x, y, z) && value(x, y, z) > iso;
        }
    }
}
