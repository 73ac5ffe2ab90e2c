package io.rigshift.datasets.shapes;

import java.util.Objects;

/**
 * Two primitives composed together in either order and any relation, such as a cone with a cylinder; stored with
 * the primitives in declaration order so that equal pairs are equal records.
 */
public record PrimitivePair(Primitive first, Primitive second) {

    public PrimitivePair {
        Objects.requireNonNull(first, "first");
        Objects.requireNonNull(second, "second");
        if (first.compareTo(second) > 0) {
            Primitive swap = first;
            first = second;
            second = swap;
        }
    }

    @Override
    public String toString() {
        return first.noun() + "+" + second.noun();
    }
}
