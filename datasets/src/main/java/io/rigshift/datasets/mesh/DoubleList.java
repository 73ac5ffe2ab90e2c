package io.rigshift.datasets.mesh;

import java.util.Arrays;

/** A growable array of doubles, for building vertex arrays without boxing. */
final class DoubleList {

    private double[] values = new double[96];
    private int size;

    void add(double value) {
        if (size == values.length) {
            values = Arrays.copyOf(values, 2 * size);
        }
        values[size++] = value;
    }

    double get(int index) {
        return values[index];
    }

    int size() {
        return size;
    }

    double[] toArray() {
        return Arrays.copyOf(values, size);
    }
}
