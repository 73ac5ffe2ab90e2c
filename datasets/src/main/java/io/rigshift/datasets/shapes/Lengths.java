package io.rigshift.datasets.shapes;

/** Validation of the lengths shapes are built from. */
final class Lengths {

    private Lengths() {
    }

    static void requirePositive(String name, double value) {
        if (!(value > 0 && Double.isFinite(value))) {
            throw new IllegalArgumentException(name + " must be a positive finite length, got " + value);
        }
    }
}
