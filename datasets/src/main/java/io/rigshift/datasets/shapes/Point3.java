package io.rigshift.datasets.shapes;

/** A point in the unit-cube coordinates of the dataset: x right, y up, z towards the front. */
public record Point3(double x, double y, double z) {

    /** The centre of the unit cube. */
    public static final Point3 ORIGIN = new Point3(0, 0, 0);

    public Point3 {
        if (!(Double.isFinite(x) && Double.isFinite(y) && Double.isFinite(z))) {
            throw new IllegalArgumentException("point coordinates must be finite, got (" + x + ", " + y + ", " + z + ")");
        }
    }

    /** This point moved by the given offset. */
    public Point3 plus(double dx, double dy, double dz) {
        return new Point3(x + dx, y + dy, z + dz);
    }
}
