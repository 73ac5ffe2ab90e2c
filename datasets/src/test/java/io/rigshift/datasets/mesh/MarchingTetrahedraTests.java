package io.rigshift.datasets.mesh;

import io.rigshift.datasets.occupancy.UnitCubeGrid;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MarchingTetrahedraTests {

    private static final UnitCubeGrid GRID = new UnitCubeGrid(40);

    @Test
    void sphereSurfaceIsClosedWithVolumeWithinThreePercent() {
        double radius = 0.3;
        float[] values = new float[GRID.cellCount()];
        for (int i = 0; i < GRID.resolution(); i++) {
            for (int j = 0; j < GRID.resolution(); j++) {
                for (int k = 0; k < GRID.resolution(); k++) {
                    double x = GRID.coordinate(i), y = GRID.coordinate(j), z = GRID.coordinate(k);
                    values[GRID.index(i, j, k)] = (float) (radius - Math.sqrt(x * x + y * y + z * z));
                }
            }
        }

        Mesh sphere = MarchingTetrahedra.extract(values, GRID, 0f);

        MeshVerdict verdict = MeshValidator.validate(Path.of("sphere.obj"), sphere);
        assertEquals(VerdictKind.OK, verdict.kind(), verdict.detail());
        double exact = 4.0 / 3 * Math.PI * radius * radius * radius;
        assertEquals(exact, sphere.volume(), 0.03 * exact);
    }

    @Test
    void occupancyTouchingTheCubeBorderIsClosedByThePadding() {
        float[] full = new float[GRID.cellCount()];
        Arrays.fill(full, 1f);

        Mesh box = MarchingTetrahedra.extract(full, GRID, 0.5f);

        assertEquals(VerdictKind.OK, MeshValidator.validate(Path.of("full.obj"), box).kind());
        assertTrue(box.volume() > 0.95 && box.volume() < 1.0, "volume " + box.volume());
    }

    @Test
    void emptyFieldGivesEmptyMesh() {
        Mesh nothing = MarchingTetrahedra.extract(new float[GRID.cellCount()], GRID, 0.5f);

        assertEquals(0, nothing.faceCount());
    }
}
