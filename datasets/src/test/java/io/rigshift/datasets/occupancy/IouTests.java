package io.rigshift.datasets.occupancy;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class IouTests {

    @Test
    void countsIntersectionOverUnion() {
        boolean[] a = {true, true, true, false, false};
        boolean[] b = {false, true, true, true, false};

        assertEquals(0.5, Iou.of(a, b), 1e-12);
        assertEquals(1.0, Iou.of(a, a), 1e-12);
        assertEquals(0.0, Iou.of(a, new boolean[] {false, false, false, true, true}), 1e-12);
    }

    @Test
    void twoEmptyGridsAgreeFully() {
        assertEquals(1.0, Iou.of(new boolean[8], new boolean[8]));
    }

    @Test
    void thresholdsProbabilities() {
        assertEquals(0.5, Iou.of(new float[] {0.9f, 0.6f, 0.4f, 0.1f}, 0.5f, new boolean[] {true, false, false, false}));
    }

    @Test
    void gridOfAHalfSpaceKnownIouAgainstAQuarter() {
        UnitCubeGrid grid = new UnitCubeGrid(10);
        boolean[] half = grid.occupancy((x, y, z) -> x < 0);
        boolean[] quarter = grid.occupancy((x, y, z) -> x < 0 && y < 0);

        assertEquals(0.5, Iou.of(half, quarter), 1e-12);
        assertEquals(3 * grid.cellCount(), grid.centers().length);
        assertEquals(-0.45, grid.centers()[0], 1e-6);
    }

    @Test
    void gridsOfDifferentSizesAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> Iou.of(new boolean[3], new boolean[4]));
    }
}
