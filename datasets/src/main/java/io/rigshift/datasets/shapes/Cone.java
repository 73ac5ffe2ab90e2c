package io.rigshift.datasets.shapes;

import io.rigshift.datasets.occupancy.Bounds;

/**
 * An upright circular cone: base of the given radius at the bottom, apex at the top, centred on its bounding box.
 */
public record Cone(Point3 center, double radius, double height) implements Shape {

    public Cone {
        Lengths.requirePositive("cone radius", radius);
        Lengths.requirePositive("cone height", height);
    }

    /**
     * Works in the half-plane through the axis, (distance from the axis, height), where the cone is a right triangle;
     * its boundary there is the base edge and the slanted edge, the edge on the axis being interior to the solid.
     */
    @Override
    public double signedDistance(double x, double y, double z) {
        double dx = x - center.x(), dz = z - center.z();
        double rho = Math.sqrt(dx * dx + dz * dz);
        double v = y - center.y();
        double half = height / 2;
        double toBase = Math.hypot(rho - Math.min(rho, radius), v + half);
        double toSlant = distanceToSegment(rho, v, radius, -half, 0, half);
        double distance = Math.min(toBase, toSlant);
        boolean inside = v > -half && v < half && rho < radius * (half - v) / height;
        return inside ? -distance : distance;
    }

    private static double distanceToSegment(double px, double py, double ax, double ay, double bx, double by) {
        double ex = bx - ax, ey = by - ay;
        double t = ((px - ax) * ex + (py - ay) * ey) / (ex * ex + ey * ey);
        t = Math.max(0, Math.min(1, t));
        return Math.hypot(px - (ax + t * ex), py - (ay + t * ey));
    }

    @Override
    public Bounds bounds() {
        return new Bounds(center.x() - radius, center.y() - height / 2, center.z() - radius,
                center.x() + radius, center.y() + height / 2, center.z() + radius);
    }

    @Override
    public Cone translated(double dx, double dy, double dz) {
        return new Cone(center.plus(dx, dy, dz), radius, height);
    }
}
