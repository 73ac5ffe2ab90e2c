package io.rigshift.datasets.mesh;

import io.rigshift.datasets.occupancy.UnitCubeGrid;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MarchingCubesTests {

    private static final UnitCubeGrid FINE = new UnitCubeGrid(128);

    /** A smooth occupancy probability: sigmoid((r0 - |p|) * k), one half exactly on the sphere of radius r0. */
    private static float[] sphereProbabilities(UnitCubeGrid grid, double radius, double sharpness) {
        float[] values = new float[grid.cellCount()];
        for (int i = 0; i < grid.resolution(); i++) {
            for (int j = 0; j < grid.resolution(); j++) {
                for (int k = 0; k < grid.resolution(); k++) {
                    double x = grid.coordinate(i), y = grid.coordinate(j), z = grid.coordinate(k);
                    double r = Math.sqrt(x * x + y * y + z * z);
                    values[grid.index(i, j, k)] = (float) (1 / (1 + Math.exp(-(radius - r) * sharpness)));
                }
            }
        }
        return values;
    }

    @Test
    void sphereOnA128GridMatchesTheAnalyticSphereInVolumeAndWithinATenthOfACell() {
        double radius = 0.3, cell = 1.0 / FINE.resolution();

        Mesh sphere = MarchingCubes.extract(sphereProbabilities(FINE, radius, 20), FINE, 0.5f);

        MeshVerdict verdict = MeshValidator.validate(Path.of("sphere.obj"), sphere, MeshAcceptance.WATERTIGHT);
        assertEquals(VerdictKind.OK, verdict.kind(), verdict.detail());
        double exact = 4.0 / 3 * Math.PI * radius * radius * radius;
        assertEquals(exact, sphere.volume(), 0.02 * exact, "volume");
        double hausdorffCells = farthestFromSphere(sphere, radius) / cell;
        assertTrue(hausdorffCells < 0.1, "Hausdorff distance " + hausdorffCells + " cells");
    }

    @Test
    void theMeshIsIndexedEachGridEdgeCrossingOneVertex() {
        Mesh sphere = MarchingCubes.extract(sphereProbabilities(new UnitCubeGrid(32), 0.3, 20), new UnitCubeGrid(32),
                0.5f);

        Set<String> positions = new HashSet<>();
        for (int v = 0; v < sphere.vertexCount(); v++) {
            positions.add(sphere.vertices()[3 * v] + "," + sphere.vertices()[3 * v + 1] + "," + sphere.vertices()[3 * v + 2]);
        }
        assertEquals(sphere.vertexCount(), positions.size(), "no two vertices at one place");
        // A closed genus-0 surface of triangles: V - E + F = 2 with E = 3F / 2.
        assertEquals(2, sphere.vertexCount() - sphere.faceCount() / 2);
    }

    @Test
    void randomFieldsGiveClosedConsistentlyWoundSurfaces() {
        UnitCubeGrid grid = new UnitCubeGrid(12);
        SplittableRandom random = new SplittableRandom(7);
        for (int trial = 0; trial < 40; trial++) {
            float[] noise = new float[grid.cellCount()];
            for (int i = 0; i < noise.length; i++) {
                noise[i] = (float) random.nextDouble();
            }

            Mesh mesh = MarchingCubes.extract(noise, grid, 0.5f);

            assertEveryDirectedEdgeOnceAndItsReverseOnce(mesh);
            assertTrue(mesh.volume() > 0, "outward winding encloses positive volume, trial " + trial);
        }
    }

    @Test
    void occupancyTouchingTheCubeBorderIsClosedByThePadding() {
        UnitCubeGrid grid = new UnitCubeGrid(16);
        float[] full = new float[grid.cellCount()];
        Arrays.fill(full, 1f);

        Mesh box = MarchingCubes.extract(full, grid, 0.5f);

        assertEquals(VerdictKind.OK, MeshValidator.validate(Path.of("full.obj"), box, MeshAcceptance.WATERTIGHT).kind());
        assertTrue(box.volume() > 0.9 && box.volume() <= 1.0, "volume " + box.volume());
    }

    @Test
    void emptyFieldGivesEmptyMesh() {
        Mesh nothing = MarchingCubes.extract(new float[FINE.cellCount()], FINE, 0.5f);

        assertEquals(0, nothing.faceCount());
    }

    @Test
    void everyCaseCrossesTheEdgesWhoseCornersDiffer() {
        for (int cubeCase = 0; cubeCase < 256; cubeCase++) {
            int used = 0;
            for (int edge : CubeCases.triangles(cubeCase)) {
                used |= 1 << edge;
            }
            assertEquals(CubeCases.crossedEdges(cubeCase), used, "case " + cubeCase);
        }
        assertEquals(0x109, CubeCases.crossedEdges(1), "classic edge table, corner 0 alone");
        assertEquals(0x99, CubeCases.crossedEdges(0x11), "classic edge table, corners 0 and 4");
    }

    /** Largest distance of a vertex or face centre from the analytic sphere. */
    private static double farthestFromSphere(Mesh mesh, double radius) {
        double[] v = mesh.vertices();
        double farthest = 0;
        for (int i = 0; i < mesh.vertexCount(); i++) {
            farthest = Math.max(farthest, Math.abs(Math.sqrt(v[3 * i] * v[3 * i] + v[3 * i + 1] * v[3 * i + 1]
                    + v[3 * i + 2] * v[3 * i + 2]) - radius));
        }
        int[] t = mesh.triangles();
        for (int f = 0; f < mesh.faceCount(); f++) {
            double x = 0, y = 0, z = 0;
            for (int c = 0; c < 3; c++) {
                x += v[3 * t[3 * f + c]] / 3;
                y += v[3 * t[3 * f + c] + 1] / 3;
                z += v[3 * t[3 * f + c] + 2] / 3;
            }
            farthest = Math.max(farthest, Math.abs(Math.sqrt(x * x + y * y + z * z) - radius));
        }
        return farthest;
    }

    private static void assertEveryDirectedEdgeOnceAndItsReverseOnce(Mesh mesh) {
        Map<Long, Integer> directed = new HashMap<>();
        int[] t = mesh.triangles();
        for (int f = 0; f < mesh.faceCount(); f++) {
            for (int c = 0; c < 3; c++) {
                long key = (long) t[3 * f + c] * mesh.vertexCount() + t[3 * f + (c + 1) % 3];
                directed.merge(key, 1, Integer::sum);
            }
        }
        for (Map.Entry<Long, Integer> edge : directed.entrySet()) {
            long from = edge.getKey() / mesh.vertexCount(), to = edge.getKey() % mesh.vertexCount();
            assertEquals(1, edge.getValue(), "edge " + from + "->" + to + " once");
            assertEquals(1, directed.getOrDefault(to * mesh.vertexCount() + from, 0), "its reverse " + to + "->" + from);
        }
    }
}
