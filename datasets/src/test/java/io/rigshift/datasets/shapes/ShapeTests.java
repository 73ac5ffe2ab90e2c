package io.rigshift.datasets.shapes;

import io.rigshift.datasets.occupancy.Bounds;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ShapeTests {

    private static final Point3 C = Point3.ORIGIN;

    @Test
    void sampledVolumesMatchTheFormulas() {
        assertVolume(new Sphere(C, 0.3), 4.0 / 3 * Math.PI * 0.027);
        assertVolume(new Box(C, 0.1, 0.2, 0.3), 0.048);
        assertVolume(new Cylinder(C, Axis.X, 0.2, 0.3), Math.PI * 0.04 * 0.6);
        assertVolume(new Cone(C, 0.3, 0.6), Math.PI * 0.09 * 0.6 / 3);
        assertVolume(new Pyramid(C, 0.3, 0.2, 0.6), 0.6 * 0.4 * 0.6 / 3);
        assertVolume(new Torus(C, Axis.Z, 0.25, 0.1), 2 * Math.PI * Math.PI * 0.25 * 0.01);
        assertVolume(new Capsule(C, Axis.Y, 0.2, 0.1), Math.PI * 0.01 * 0.4 + 4.0 / 3 * Math.PI * 0.001);
        assertVolume(new Shell(new Sphere(C, 0.3), 0.05), 4.0 / 3 * Math.PI * (0.027 - 0.015625));
    }

    @Test
    void signedDistanceAgreesWithInsideTestAndIsExactForRoundShapes() {
        assertEquals(-0.1, new Sphere(C, 0.3).signedDistance(0.2, 0, 0), 1e-12);
        assertEquals(0.1, new Box(C, 0.1, 0.1, 0.1).signedDistance(0.2, 0, 0), 1e-12);
        assertEquals(Math.sqrt(0.02), new Box(C, 0.1, 0.1, 0.1).signedDistance(0.2, 0.2, 0), 1e-12);
        assertEquals(-0.05, new Torus(C, Axis.Y, 0.25, 0.1).signedDistance(0.3, 0, 0), 1e-12);
        assertEquals(0.1, new Cone(C, 0.2, 0.4).signedDistance(0, -0.3, 0), 1e-12);
        assertTrue(new Cone(C, 0.2, 0.4).contains(0, 0.19, 0));
        assertFalse(new Cone(C, 0.2, 0.4).contains(0.15, 0.1, 0));
    }

    @Test
    void hollowShellIsEmptyInside() {
        Shell shell = new Shell(new Box(C, 0.2, 0.2, 0.2), 0.04);

        assertFalse(shell.contains(0, 0, 0));
        assertTrue(shell.contains(0.18, 0, 0));
        assertFalse(shell.contains(0.25, 0, 0));
    }

    @Test
    void translationMovesBoundsAndInsideTest() {
        Shape moved = new Union(new Sphere(C, 0.1), new Cone(C, 0.1, 0.2)).translated(0.2, -0.1, 0);

        Bounds bounds = moved.bounds();
        assertEquals(0.1, bounds.minX(), 1e-12);
        assertEquals(0.3, bounds.maxX(), 1e-12);
        assertEquals(-0.2, bounds.minY(), 1e-12);
        assertEquals(0.0, bounds.maxY(), 1e-12);
        assertTrue(moved.contains(0.2, -0.1, 0));
        assertFalse(moved.contains(0, 0, 0));
    }

    @Test
    void nearSurfacePointsLieWithinTheBand() {
        SplittableRandom random = new SplittableRandom(1);
        double[] point = new double[3];
        for (Shape shape : List.of(new Sphere(C, 0.1), new Pyramid(C, 0.2, 0.1, 0.3),
                new Shell(new Cylinder(C, Axis.Y, 0.2, 0.2), 0.03))) {
            for (int i = 0; i < 200; i++) {
                shape.nearSurfacePoint(random, 0.02, point);
                assertTrue(Math.abs(shape.signedDistance(point[0], point[1], point[2])) < 0.02, shape.toString());
            }
        }
    }

    @Test
    void invalidDimensionsAreRefusedWithTheValue() {
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class, () -> new Sphere(C, -1));
        assertTrue(error.getMessage().contains("-1"));
        assertThrows(IllegalArgumentException.class, () -> new Torus(C, Axis.Y, 0.1, 0.2));
        assertThrows(IllegalArgumentException.class,
                () -> new PartDescription(Primitive.SPHERE, Size.SMALL, Proportion.TALL, Fill.SOLID));
        assertThrows(IllegalArgumentException.class,
                () -> new PartDescription(Primitive.CONE, Size.SMALL, Proportion.REGULAR, Fill.HOLLOW));
    }

    private static void assertVolume(Shape shape, double expected) {
        SplittableRandom random = new SplittableRandom(2);
        int samples = 100_000;
        int inside = 0;
        for (int i = 0; i < samples; i++) {
            if (shape.contains(random.nextDouble() - 0.5, random.nextDouble() - 0.5, random.nextDouble() - 0.5)) {
                inside++;
            }
        }
        assertEquals(expected, (double) inside / samples, 0.003 + 0.03 * expected, shape.toString());
    }
}
