package io.rigshift.datasets.shapes;

import io.rigshift.datasets.occupancy.Bounds;

/** A ball of the given radius. */
public record Sphere(Point3 center, double radius) implements Shape {

    public Sphere {
        Lengths.requirePositive("sphere radius", radius);
    }

    @Override
    public double signedDistance(double x, double y, double z) {
        double dx = x - center.x(), dy = y - center.y(), dz = z - center.z();
        return Math.sqrt(dx * dx + dy * dy + dz * dz) - radius;
    }

    @Override
    public Bounds bounds() {
        return new Bounds(center.x() - radius, center.y() - radius, center.z() - radius,
                center.x() + radius, center.y() + radius, center.z() + radius);
    }

    @Override
    public Sphere translated(double dx, double dy, double dz) {
        return new Sphere(center.plus(dx, dy, dz), radius);
    }
}
