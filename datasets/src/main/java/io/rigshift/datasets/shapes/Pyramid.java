package io.rigshift.datasets.shapes;

import io.rigshift.datasets.occupancy.Bounds;

/**
 * An upright pyramid: rectangular base of half-size {@code halfX} by {@code halfZ} at the bottom, apex above its
 * centre, centred on its bounding box.
 */
public record Pyramid(Point3 center, double halfX, double halfZ, double height) implements Shape {

    public Pyramid {
        Lengths.requirePositive("pyramid base half-width", halfX);
        Lengths.requirePositive("pyramid base half-depth", halfZ);
        Lengths.requirePositive("pyramid height", height);
    }

    /**
     * The largest signed distance to the five face planes: exact inside a convex solid, and a lower bound of the true
     * distance outside.
     */
    @Override
    public double signedDistance(double x, double y, double z) {
        double half = height / 2;
        double v = y - center.y();
        double base = -v - half;
        double sideX = slantedFace(Math.abs(x - center.x()), v, halfX, half);
        double sideZ = slantedFace(Math.abs(z - center.z()), v, halfZ, half);
        return Math.max(base, Math.max(sideX, sideZ));
    }

    /** Signed distance to the face through the base edge at {@code u = halfBase} and the apex. */
    private static double slantedFace(double u, double v, double halfBase, double halfHeight) {
        // Plane: u * height + halfBase * (v + halfHeight) = halfBase * height, normal (height, halfBase).
        double height = 2 * halfHeight;
        return (u * height + halfBase * (v + halfHeight) - halfBase * height) / Math.hypot(height, halfBase);
    }

    @Override
    public Bounds bounds() {
        return new Bounds(center.x() - halfX, center.y() - height / 2, center.z() - halfZ,
                center.x() + halfX, center.y() + height / 2, center.z() + halfZ);
    }

    @Override
    public Pyramid translated(double dx, double dy, double dz) {
        return new Pyramid(center.plus(dx, dy, dz), halfX, halfZ, height);
    }
}
