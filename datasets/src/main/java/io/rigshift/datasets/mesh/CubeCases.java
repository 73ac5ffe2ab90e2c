package io.rigshift.datasets.mesh;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The marching-cubes case tables: for each of the 256 ways the eight corners of a cube can lie inside or outside,
 * which of its twelve edges the surface crosses (the classic edge table) and the triangles joining those crossings
 * (the triangle table), wound so their normals point from inside to outside.
 *
 * <p>Corners and edges are numbered as in Lorensen and Cline's tables (and Bourke's). The triangle table is built
 * here rather than typed in: on each cube face the crossings are joined into segments, the segments around the cube
 * into loops, and each loop cut into triangles whose new edges stay off the cube's faces. A face with two diagonally opposite inside corners (the ambiguous
 * case) always keeps the inside corners apart. The rule sees only the face, so the two cubes sharing it cut it the
 * same way and the surface has no cracks, which the original table's complementary cases do not guarantee.
 */
final class CubeCases {

    /** Corner offsets (x, y, z): 0-3 the bottom face in order around it, 4-7 the top face above them. */
    static final int[][] CORNERS = {
        {0, 0, 0}, {1, 0, 0}, {1, 1, 0}, {0, 1, 0}, {0, 0, 1}, {1, 0, 1}, {1, 1, 1}, {0, 1, 1}};
    /** The corners each edge joins. */
    static final int[][] EDGES = {
        {0, 1}, {1, 2}, {2, 3}, {3, 0}, {4, 5}, {5, 6}, {6, 7}, {7, 4}, {0, 4}, {1, 5}, {2, 6}, {3, 7}};
    /** The corners of each face, in order around it. */
    private static final int[][] FACES = {
        {0, 1, 2, 3}, {4, 5, 6, 7}, {0, 1, 5, 4}, {3, 2, 6, 7}, {0, 3, 7, 4}, {1, 2, 6, 5}};

    private static final int[] EDGE_TABLE = new int[256];
    private static final int[][] TRIANGLE_TABLE = new int[256][];

    static {
        for (int cubeCase = 0; cubeCase < 256; cubeCase++) {
            for (int e = 0; e < EDGES.length; e++) {
                if (inside(cubeCase, EDGES[e][0]) != inside(cubeCase, EDGES[e][1])) {
                    EDGE_TABLE[cubeCase] |= 1 << e;
                }
            }
            TRIANGLE_TABLE[cubeCase] = triangulate(cubeCase);
        }
    }

    private CubeCases() {
    }

    /** Bit {@code e} is set when the surface crosses edge {@code e}; corner {@code c} is inside when bit c of the case is. */
    static int crossedEdges(int cubeCase) {
        return EDGE_TABLE[cubeCase];
    }

    /** Edge indices, three per triangle, wound counter-clockwise seen from outside; do not modify. */
    static int[] triangles(int cubeCase) {
        return TRIANGLE_TABLE[cubeCase];
    }

    private static boolean inside(int cubeCase, int corner) {
        return (cubeCase & 1 << corner) != 0;
    }

    private static int[] triangulate(int cubeCase) {
        // Each crossed edge ends two segments, one on each face beside it: their other ends and faces.
        int[][] neighbour = new int[EDGES.length][2];
        int[][] neighbourFace = new int[EDGES.length][2];
        int[] neighbourCount = new int[EDGES.length];
        for (int f = 0; f < FACES.length; f++) {
            for (int[] segment : segments(cubeCase, FACES[f])) {
                for (int end = 0; end < 2; end++) {
                    int e = segment[end];
                    neighbour[e][neighbourCount[e]] = segment[1 - end];
                    neighbourFace[e][neighbourCount[e]++] = f;
                }
            }
        }
        List<Integer> triangles = new ArrayList<>();
        boolean[] used = new boolean[EDGES.length];
        for (int start = 0; start < EDGES.length; start++) {
            if (neighbourCount[start] == 0 || used[start]) {
                continue;
            }
            List<Integer> loop = new ArrayList<>();
            int previous = -1, current = start;
            do {
                loop.add(current);
                used[current] = true;
                int next = neighbour[current][0] != previous ? neighbour[current][0] : neighbour[current][1];
                previous = current;
                current = next;
            } while (current != start);
            int firstFace = faceOf(neighbour, neighbourFace, start, loop.get(1));
            if (!insideOnTheRight(cubeCase, FACES[firstFace], loop.get(0), loop.get(1))) {
                Collections.reverse(loop);
            }
            if (!clipEars(loop, triangles)) {
                throw new IllegalStateException("case " + cubeCase + ": no triangulation of loop " + loop
                        + " keeps its diagonals off the cube faces");
            }
        }
        return triangles.stream().mapToInt(Integer::intValue).toArray();
    }

    /**
     * Triangulates a loop of edges, keeping its order, so that no new edge joins two crossings on one cube face:
     * such an edge could also be made by the cube on the face's other side, and would then border four triangles.
     * Searches the ways to cut off ears; loops have at most twelve crossings.
     */
    private static boolean clipEars(List<Integer> loop, List<Integer> triangles) {
        if (loop.size() == 3) {
            triangles.addAll(loop);
            return true;
        }
        for (int i = 0; i < loop.size(); i++) {
            int before = loop.get((i + loop.size() - 1) % loop.size()), after = loop.get((i + 1) % loop.size());
            if (shareAFace(before, after)) {
                continue;
            }
            List<Integer> rest = new ArrayList<>(loop);
            rest.remove(i);
            int mark = triangles.size();
            triangles.addAll(List.of(before, loop.get(i), after));
            if (clipEars(rest, triangles)) {
                return true;
            }
            triangles.subList(mark, triangles.size()).clear();
        }
        return false;
    }

    private static boolean shareAFace(int a, int b) {
        for (int[] face : FACES) {
            if (onFace(face, a) && onFace(face, b)) {
                return true;
            }
        }
        return false;
    }

    private static boolean onFace(int[] face, int e) {
        int found = 0;
        for (int corner : face) {
            if (corner == EDGES[e][0] || corner == EDGES[e][1]) {
                found++;
            }
        }
        return found == 2;
    }

    private static int faceOf(int[][] neighbour, int[][] neighbourFace, int edge, int other) {
        return neighbour[edge][0] == other ? neighbourFace[edge][0] : neighbourFace[edge][1];
    }

    /** The segments the surface cuts across one face, each as the two edges it joins. */
    private static List<int[]> segments(int cubeCase, int[] face) {
        List<int[]> segments = new ArrayList<>();
        List<Integer> crossed = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            if (inside(cubeCase, face[i]) != inside(cubeCase, face[(i + 1) % 4])) {
                crossed.add(edge(face[i], face[(i + 1) % 4]));
            }
        }
        if (crossed.size() == 2) {
            segments.add(new int[] {crossed.get(0), crossed.get(1)});
        } else if (crossed.size() == 4) {
            for (int i = 0; i < 4; i++) {
                if (inside(cubeCase, face[i])) {
                    segments.add(new int[] {edge(face[(i + 3) % 4], face[i]), edge(face[i], face[(i + 1) % 4])});
                }
            }
        }
        return segments;
    }

    /**
     * Whether, seen from outside the cube, the inside corners the segment cuts off lie to the right of the segment from edge
     * {@code a}'s midpoint to edge {@code b}'s. Loops running that way have normals pointing out of the region.
     */
    private static boolean insideOnTheRight(int cubeCase, int[] face, int a, int b) {
        double[] from = midpoint(a), to = midpoint(b);
        double[] outward = new double[3];
        for (int corner : face) {
            for (int axis = 0; axis < 3; axis++) {
                outward[axis] += CORNERS[corner][axis] / 4.0 - 0.125;
            }
        }
        double[] d = {to[0] - from[0], to[1] - from[1], to[2] - from[2]};
        double[] left = {outward[1] * d[2] - outward[2] * d[1], outward[2] * d[0] - outward[0] * d[2],
            outward[0] * d[1] - outward[1] * d[0]};
        // The inside end of edge a lies on the same side as the corners the segment cuts off (on an ambiguous face
        // the other inside corner lies across it).
        int corner = inside(cubeCase, EDGES[a][0]) ? EDGES[a][0] : EDGES[a][1];
        double side = 0;
        for (int axis = 0; axis < 3; axis++) {
            side += (CORNERS[corner][axis] - from[axis]) * left[axis];
        }
        return side < 0;
    }

    private static double[] midpoint(int e) {
        int[] p = CORNERS[EDGES[e][0]], q = CORNERS[EDGES[e][1]];
        return new double[] {(p[0] + q[0]) / 2.0, (p[1] + q[1]) / 2.0, (p[2] + q[2]) / 2.0};
    }

    private static int edge(int a, int b) {
        for (int e = 0; e < EDGES.length; e++) {
            if (EDGES[e][0] == a && EDGES[e][1] == b || EDGES[e][0] == b && EDGES[e][1] == a) {
                return e;
            }
        }
        throw new IllegalArgumentException("corners " + a + " and " + b + " share no edge");
    }
}
