package io.rigshift.datasets.shapes;

import io.rigshift.datasets.occupancy.Bounds;

/** A hollow version of a solid: only a wall of the given thickness under its surface is inside. */
public record Shell(Shape solid, double thickness) implements Shape {

    public Shell {
        if (solid == null) {
            throw new IllegalArgumentException("a shell needs a solid to hollow out");
        }
        Lengths.requirePositive("shell wall thickness", thickness);
    }

    @Override
    public double signedDistance(double x, double y, double z) {
        double distance = solid.signedDistance(x, y, z);
        return Math.max(distance, -distance - thickness);
    }

    @Override
    public Bounds bounds() {
        return solid.bounds();
    }

    @Override
    public Shell translated(double dx, double dy, double dz) {
        return new Shell(solid.translated(dx, dy, dz), thickness);
    }
}
