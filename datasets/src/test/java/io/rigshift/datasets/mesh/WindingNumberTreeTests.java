package io.rigshift.datasets.mesh;

import io.rigshift.datasets.occupancy.Iou;
import io.rigshift.datasets.occupancy.UnitCubeGrid;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class WindingNumberTreeTests {

    private static final UnitCubeGrid GRID = new UnitCubeGrid(32);

    @Test
    void cubeWithOneFaceRemovedHasTheSolidCubesOccupancy() {
        Mesh cube = TestMeshes.cube(0.4);
        Mesh open = new Mesh(cube.vertices(), Arrays.copyOf(cube.triangles(), cube.triangles().length - 6));

        double iou = Iou.of(GRID.occupancy(new MeshOccupancy(open)), GRID.occupancy(new MeshOccupancy(cube)));

        assertTrue(iou >= 0.98, "IoU " + iou);
    }

    @Test
    void cubeWithADuplicatedFaceHasTheSolidCubesOccupancy() {
        Mesh cube = TestMeshes.cube(0.4);
        int[] doubled = Arrays.copyOf(cube.triangles(), cube.triangles().length + 6);
        System.arraycopy(cube.triangles(), 0, doubled, cube.triangles().length, 6);
        Mesh nonManifold = new Mesh(cube.vertices(), doubled);

        double iou = Iou.of(GRID.occupancy(new MeshOccupancy(nonManifold)), GRID.occupancy(new MeshOccupancy(cube)));

        assertTrue(iou >= 0.98, "IoU " + iou);
    }

    @Test
    void solidCubeOccupancyIsTheAnalyticCube() {
        boolean[] occupied = GRID.occupancy(new MeshOccupancy(TestMeshes.cube(0.4)));
        int expected = 0;
        for (int i = 0; i < GRID.resolution(); i++) {
            expected += Math.abs(GRID.coordinate(i)) < 0.4 ? 1 : 0;
        }

        assertEquals(expected * expected * expected, countTrue(occupied));
    }

    @Test
    void agreesWithTheExactSumAwayFromTheSurfaceAndDecidesInsideAlike() {
        Mesh sphere = TestMeshes.sphere(0.4, 40, 80);
        WindingNumberTree tree = new WindingNumberTree(sphere);
        SplittableRandom random = new SplittableRandom(5);
        int disagreements = 0;
        double worst = 0;
        for (int p = 0; p < 2000; p++) {
            double x = random.nextDouble(-0.5, 0.5), y = random.nextDouble(-0.5, 0.5), z = random.nextDouble(-0.5, 0.5);
            double exact = WindingNumber.of(sphere, x, y, z);
            double fast = tree.of(x, y, z);
            if ((Math.abs(exact) >= 0.5) != tree.inside(x, y, z)) {
                disagreements++;
            }
            double r = Math.sqrt(x * x + y * y + z * z);
            if (Math.abs(r - 0.4) > 0.02) {
                worst = Math.max(worst, Math.abs(exact - fast));
            }
        }

        assertEquals(0, disagreements);
        assertTrue(worst < 0.02, "largest error away from the surface " + worst);
    }

    private static int countTrue(boolean[] cells) {
        int count = 0;
        for (boolean cell : cells) {
            count += cell ? 1 : 0;
        }
        return count;
    }
}
