package io.rigshift.datasets.shapes;

import io.rigshift.datasets.occupancy.Bounds;

import java.util.SplittableRandom;

/**
 * Turns a description into a solid: nominal dimensions from the size and proportion, each continuous parameter
 * jittered by up to {@link #RELATIVE_JITTER} either way, then placed by position or relation.
 */
final class ShapeGeometry {

    /** Largest relative change jitter makes to a nominal length. */
    static final double RELATIVE_JITTER = 0.05;

    /** How far a positioned shape moves from the centre towards its face. */
    private static final double POSITION_OFFSET = 0.2;
    /**
     * Uniform spread of the centre along axes a position does not fix: {@link #RELATIVE_JITTER} of the
     * {@link #POSITION_OFFSET}, the same as the jitter along the axis a position word does fix. (It was 0.02, which
     * alone cost a small shape about 0.1 of IoU no caption could win back; see DatasetCeilingBenchmark.)
     */
    private static final double FREE_AXIS_SPREAD = 0.01;
    /** Stacked parts sink into each other by this much so the union is one piece. */
    private static final double CONTACT_OVERLAP = 0.01;
    /** Nominal gap between parts side by side. */
    private static final double BESIDE_GAP = 0.05;
    /**
     * Wall of a hollow part, relative to its smallest half-extent, and its floor: two cells of the 32^3 evaluation
     * grid, so a +-5% jitter does not move a one-cell wall clean off the cells it filled.
     */
    private static final double WALL_FRACTION = 0.35;
    private static final double MIN_WALL = 0.06;

    private final SplittableRandom random;

    ShapeGeometry(SplittableRandom random) {
        this.random = random;
    }

    Shape build(ShapeDescription description) {
        if (description.isComposite()) {
            return composite(description);
        }
        Shape part = part(description.parts().get(0));
        Position position = description.position();
        double offset = jitter(POSITION_OFFSET);
        return part.translated(
                axisOffset(position.directionX(), offset),
                axisOffset(position.directionY(), offset),
                axisOffset(position.directionZ(), offset));
    }

    private double axisOffset(int direction, double offset) {
        return direction == 0 ? (2 * random.nextDouble() - 1) * FREE_AXIS_SPREAD : direction * offset;
    }

    private Shape composite(ShapeDescription description) {
        Shape first = part(description.parts().get(0));
        Shape second = part(description.parts().get(1));
        return switch (description.relation().orElseThrow()) {
            case ON_TOP_OF -> stack(first, second);
            case UNDER -> stack(second, first);
            case BESIDE -> sideBySide(first, second);
        };
    }

    /** Puts {@code upper} on {@code lower}, both centred in x and z, the pair centred in y. */
    private Union stack(Shape upper, Shape lower) {
        Bounds top = upper.bounds();
        Bounds bottom = lower.bounds();
        double height = bottom.sizeY() + top.sizeY() - CONTACT_OVERLAP;
        Shape placedLower = lower.translated(-bottom.centerX(), -height / 2 - bottom.minY(), -bottom.centerZ());
        double lowerTop = -height / 2 + bottom.sizeY();
        Shape placedUpper = upper.translated(-top.centerX(), lowerTop - CONTACT_OVERLAP - top.minY(), -top.centerZ());
        return new Union(placedUpper, placedLower);
    }

    /** Puts {@code left} to the left of {@code right} on a common floor, the pair centred. */
    private Union sideBySide(Shape left, Shape right) {
        Bounds a = left.bounds();
        Bounds b = right.bounds();
        double gap = jitter(BESIDE_GAP);
        double width = a.sizeX() + gap + b.sizeX();
        double floor = -Math.max(a.sizeY(), b.sizeY()) / 2;
        Shape placedLeft = left.translated(-width / 2 - a.minX(), floor - a.minY(), -a.centerZ());
        Shape placedRight = right.translated(-width / 2 + a.sizeX() + gap - b.minX(), floor - b.minY(), -b.centerZ());
        return new Union(placedLeft, placedRight);
    }

    /** One part centred at the origin. */
    private Shape part(PartDescription part) {
        double extent = part.size().extent();
        Shape solid = switch (part.primitive()) {
            case SPHERE -> new Sphere(Point3.ORIGIN, jitter(extent / 2));
            case BOX -> box(extent, part.proportion());
            case CYLINDER -> cylinder(extent, part.proportion());
            case CONE -> cone(extent, part.proportion());
            case TORUS -> torus(extent, part.proportion());
            case PYRAMID -> pyramid(extent, part.proportion());
            case CAPSULE -> capsule(extent, part.proportion());
        };
        if (part.fill() == Fill.SOLID) {
            return solid;
        }
        Bounds bounds = solid.bounds();
        double smallestHalf = Math.min(bounds.sizeX(), Math.min(bounds.sizeY(), bounds.sizeZ())) / 2;
        return new Shell(solid, Math.max(MIN_WALL, jitter(WALL_FRACTION * smallestHalf)));
    }

    private Box box(double extent, Proportion proportion) {
        double[] ratios = switch (proportion) {
            case REGULAR -> new double[] {1, 1, 1};
            case TALL -> new double[] {0.5, 1, 0.5};
            case FLAT -> new double[] {1, 0.35, 1};
            case WIDE -> new double[] {1, 0.45, 0.45};
        };
        return new Box(Point3.ORIGIN, jitter(extent * ratios[0] / 2), jitter(extent * ratios[1] / 2),
                jitter(extent * ratios[2] / 2));
    }

    private Cylinder cylinder(double extent, Proportion proportion) {
        double half = extent / 2;
        return switch (proportion) {
            case REGULAR -> new Cylinder(Point3.ORIGIN, Axis.Y, jitter(half), jitter(half));
            case TALL -> new Cylinder(Point3.ORIGIN, Axis.Y, jitter(0.45 * half), jitter(half));
            case FLAT -> new Cylinder(Point3.ORIGIN, Axis.Y, jitter(half), jitter(0.3 * half));
            case WIDE -> new Cylinder(Point3.ORIGIN, Axis.X, jitter(0.45 * half), jitter(half));
        };
    }

    private Cone cone(double extent, Proportion proportion) {
        double diameterRatio = proportion == Proportion.TALL ? 0.5 : 1;
        double heightRatio = proportion == Proportion.FLAT ? 0.4 : 1;
        return new Cone(Point3.ORIGIN, jitter(extent * diameterRatio / 2), jitter(extent * heightRatio));
    }

    private Pyramid pyramid(double extent, Proportion proportion) {
        double baseRatio = proportion == Proportion.TALL ? 0.5 : 1;
        double heightRatio = proportion == Proportion.FLAT ? 0.35 : 1;
        return new Pyramid(Point3.ORIGIN, jitter(extent * baseRatio / 2), jitter(extent * baseRatio / 2),
                jitter(extent * heightRatio));
    }

    /** Regular and tall capsules stand up; a wide one lies along x. */
    private Capsule capsule(double extent, Proportion proportion) {
        double diameterRatio = switch (proportion) {
            case TALL -> 0.28;
            case WIDE -> 0.45;
            default -> 0.5;
        };
        double radius = jitter(extent * diameterRatio / 2);
        double halfLength = jitter(extent / 2);
        Axis axis = proportion == Proportion.WIDE ? Axis.X : Axis.Y;
        return new Capsule(Point3.ORIGIN, axis, halfLength - radius, radius);
    }

    /** Regular and flat rings lie flat (a flat one has a thinner tube); a tall ring stands up facing the front. */
    private Torus torus(double extent, Proportion proportion) {
        double outer = jitter(extent / 2);
        double tube = jitter(extent * (proportion == Proportion.FLAT ? 0.12 : 0.2));
        return new Torus(Point3.ORIGIN, proportion == Proportion.TALL ? Axis.Z : Axis.Y, outer - tube, tube);
    }

    private double jitter(double nominal) {
        return nominal * (1 + RELATIVE_JITTER * (2 * random.nextDouble() - 1));
    }
}
