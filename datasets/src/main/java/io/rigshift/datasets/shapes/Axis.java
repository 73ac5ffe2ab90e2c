package io.rigshift.datasets.shapes;

/** The coordinate axis a round shape (cylinder, capsule, torus) is built around. */
public enum Axis {
    X, Y, Z;

    /** The coordinate of an offset along this axis. */
    double along(double dx, double dy, double dz) {
        return switch (this) {
            case X -> dx;
            case Y -> dy;
            case Z -> dz;
        };
    }

    /** The distance of an offset from this axis. */
    double across(double dx, double dy, double dz) {
        return switch (this) {
            case X -> Math.sqrt(dy * dy + dz * dz);
            case Y -> Math.sqrt(dx * dx + dz * dz);
            case Z -> Math.sqrt(dx * dx + dy * dy);
        };
    }

    /** Half-extents of a box that is {@code alongHalf} along this axis and {@code acrossHalf} across it. */
    double[] halfExtents(double alongHalf, double acrossHalf) {
        return switch (this) {
            case X -> new double[] {alongHalf, acrossHalf, acrossHalf};
            case Y -> new double[] {acrossHalf, alongHalf, acrossHalf};
            case Z -> new double[] {acrossHalf, acrossHalf, alongHalf};
        };
    }
}
