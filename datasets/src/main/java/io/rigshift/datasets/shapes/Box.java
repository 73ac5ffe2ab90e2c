package io.rigshift.datasets.shapes;

import io.rigshift.datasets.occupancy.Bounds;

/** An axis-aligned cuboid given by its centre and half its size along x, y and z. */
public record Box(Point3 center, double halfX, double halfY, double halfZ) implements Shape {

    public Box {
        Lengths.requirePositive("box half-width", halfX);
        Lengths.requirePositive("box half-height", halfY);
        Lengths.requirePositive("box half-depth", halfZ);
    }

    @Override
    public double signedDistance(double x, double y, double z) {
        double qx = Math.abs(x - center.x()) - halfX;
        double qy = Math.abs(y - center.y()) - halfY;
        double qz = Math.abs(z - center.z()) - halfZ;
        double ox = Math.max(qx, 0), oy = Math.max(qy, 0), oz = Math.max(qz, 0);
        double outside = Math.sqrt(ox * ox + oy * oy + oz * oz);
        double inside = Math.min(Math.max(qx, Math.max(qy, qz)), 0);
        return outside + inside;
    }

    @Override
    public Bounds bounds() {
        return new Bounds(center.x() - halfX, center.y() - halfY, center.z() - halfZ,
                center.x() + halfX, center.y() + halfY, center.z() + halfZ);
    }

    @Override
    public Box translated(double dx, double dy, double dz) {
        return new Box(center.plus(dx, dy, dz), halfX, halfY, halfZ);
    }
}
