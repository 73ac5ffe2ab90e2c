package io.rigshift.datasets.shapes;

import io.rigshift.datasets.occupancy.Bounds;

/**
 * A ring: all points within {@code tubeRadius} of a circle of radius {@code majorRadius} around the given axis
 * through the centre. An axis along y makes a ring lying flat; along z, a ring standing up facing the viewer.
 */
public record Torus(Point3 center, Axis axis, double majorRadius, double tubeRadius) implements Shape {

    public Torus {
        Lengths.requirePositive("torus major radius", majorRadius);
        Lengths.requirePositive("torus tube radius", tubeRadius);
        if (tubeRadius >= majorRadius) {
            throw new IllegalArgumentException("torus tube radius " + tubeRadius
                    + " must be smaller than its major radius " + majorRadius + " to leave a hole");
        }
    }

    @Override
    public double signedDistance(double x, double y, double z) {
        double dx = x - center.x(), dy = y - center.y(), dz = z - center.z();
        return Math.hypot(axis.across(dx, dy, dz) - majorRadius, axis.along(dx, dy, dz)) - tubeRadius;
    }

    @Override
    public Bounds bounds() {
        double[] half = axis.halfExtents(tubeRadius, majorRadius + tubeRadius);
        return new Bounds(center.x() - half[0], center.y() - half[1], center.z() - half[2],
                center.x() + half[0], center.y() + half[1], center.z() + half[2]);
    }

    @Override
    public Torus translated(double dx, double dy, double dz) {
        return new Torus(center.plus(dx, dy, dz), axis, majorRadius, tubeRadius);
    }
}
