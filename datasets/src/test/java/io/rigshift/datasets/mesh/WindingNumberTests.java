package io.rigshift.datasets.mesh;

import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class WindingNumberTests {

    @Test
    void isOneInsideAndZeroOutsideAClosedCube() throws Exception {
        Mesh cube = ObjReader.read(ObjReaderTests.unitCube());

        assertEquals(1.0, WindingNumber.of(cube, 0.5, 0.5, 0.5), 1e-9);
        assertEquals(1.0, WindingNumber.of(cube, 0.01, 0.98, 0.3), 1e-9);
        assertEquals(0.0, WindingNumber.of(cube, 1.5, 0.5, 0.5), 1e-9);
        assertEquals(0.0, WindingNumber.of(cube, -3, 7, 2), 1e-9);
    }

    @Test
    void insideTestIgnoresWhichWayTheFacesWind() throws Exception {
        Mesh cube = ObjReader.read(ObjReaderTests.unitCube());
        int[] flipped = cube.triangles().clone();
        for (int f = 0; f < flipped.length; f += 3) {
            int swap = flipped[f + 1];
            flipped[f + 1] = flipped[f + 2];
            flipped[f + 2] = swap;
        }
        Mesh inverted = new Mesh(cube.vertices(), flipped);

        assertEquals(-1.0, WindingNumber.of(inverted, 0.5, 0.5, 0.5), 1e-9);
        assertTrue(WindingNumber.inside(inverted, 0.5, 0.5, 0.5));
        assertFalse(WindingNumber.inside(inverted, 1.2, 0.5, 0.5));
    }

    @Test
    void sampledVolumeOfNormalisedCubeMatchesItsExactVolume() throws Exception {
        MeshOccupancy cube = new MeshOccupancy(MeshNormalizer.normalize(ObjReader.read(ObjReaderTests.unitCube())));
        SplittableRandom random = new SplittableRandom(3);
        int inside = 0;
        int samples = 20_000;
        for (int i = 0; i < samples; i++) {
            if (cube.contains(random.nextDouble() - 0.5, random.nextDouble() - 0.5, random.nextDouble() - 0.5)) {
                inside++;
            }
        }

        double exact = Math.pow(1 - 2 * MeshNormalizer.DEFAULT_MARGIN, 3);
        assertEquals(exact, cube.mesh().volume(), 1e-12);
        assertEquals(exact, (double) inside / samples, 0.015);
    }
}
