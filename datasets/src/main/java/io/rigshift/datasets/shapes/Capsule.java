package io.rigshift.datasets.shapes;

import io.rigshift.datasets.occupancy.Bounds;

/**
 * A pill: all points within {@code radius} of a segment of half-length {@code halfLength} along the given axis
 * through the centre. Its full length is {@code 2 * (halfLength + radius)}.
 */
public record Capsule(Point3 center, Axis axis, double halfLength, double radius) implements Shape {

    public Capsule {
        Lengths.requirePositive("capsule segment half-length", halfLength);
        Lengths.requirePositive("capsule radius", radius);
    }

    @Override
    public double signedDistance(double x, double y, double z) {
        double dx = x - center.x(), dy = y - center.y(), dz = z - center.z();
        double beyondSegment = Math.max(Math.abs(axis.along(dx, dy, dz)) - halfLength, 0);
        return Math.hypot(beyondSegment, axis.across(dx, dy, dz)) - radius;
    }

    @Override
    public Bounds bounds() {
        double[] half = axis.halfExtents(halfLength + radius, radius);
        return new Bounds(center.x() - half[0], center.y() - half[1], center.z() - half[2],
                center.x() + half[0], center.y() + half[1], center.z() + half[2]);
    }

    @Override
    public Capsule translated(double dx, double dy, double dz) {
        return new Capsule(center.plus(dx, dy, dz), axis, halfLength, radius);
    }
}
