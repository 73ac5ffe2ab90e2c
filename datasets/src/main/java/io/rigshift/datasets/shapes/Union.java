package io.rigshift.datasets.shapes;

import io.rigshift.datasets.occupancy.Bounds;

/** Two solids taken together: a point is inside when it is inside either. */
public record Union(Shape first, Shape second) implements Shape {

    public Union {
        if (first == null || second == null) {
            throw new IllegalArgumentException("a union needs two shapes");
        }
    }

    @Override
    public double signedDistance(double x, double y, double z) {
        return Math.min(first.signedDistance(x, y, z), second.signedDistance(x, y, z));
    }

    @Override
    public boolean contains(double x, double y, double z) {
        return first.contains(x, y, z) || second.contains(x, y, z);
    }

    @Override
    public Bounds bounds() {
        return first.bounds().union(second.bounds());
    }

    @Override
    public Union translated(double dx, double dy, double dz) {
        return new Union(first.translated(dx, dy, dz), second.translated(dx, dy, dz));
    }
}
