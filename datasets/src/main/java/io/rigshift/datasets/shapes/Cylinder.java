package io.rigshift.datasets.shapes;

import io.rigshift.datasets.occupancy.Bounds;

/** A solid circular cylinder with flat caps, around the given axis through its centre. */
public record Cylinder(Point3 center, Axis axis, double radius, double halfLength) implements Shape {

    public Cylinder {
        Lengths.requirePositive("cylinder radius", radius);
        Lengths.requirePositive("cylinder half-length", halfLength);
    }

    @Override
    public double signedDistance(double x, double y, double z) {
        double dx = x - center.x(), dy = y - center.y(), dz = z - center.z();
        double a = Math.abs(axis.along(dx, dy, dz)) - halfLength;
        double r = axis.across(dx, dy, dz) - radius;
        double inside = Math.min(Math.max(a, r), 0);
        return inside + Math.hypot(Math.max(a, 0), Math.max(r, 0));
    }

    @Override
    public Bounds bounds() {
        double[] half = axis.halfExtents(halfLength, radius);
        return new Bounds(center.x() - half[0], center.y() - half[1], center.z() - half[2],
                center.x() + half[0], center.y() + half[1], center.z() + half[2]);
    }

    @Override
    public Cylinder translated(double dx, double dy, double dz) {
        return new Cylinder(center.plus(dx, dy, dz), axis, radius, halfLength);
    }
}
