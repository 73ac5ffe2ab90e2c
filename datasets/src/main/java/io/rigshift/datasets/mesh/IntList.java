package io.rigshift.datasets.mesh;

import java.util.Arrays;

/** A growable array of ints, for building face arrays without boxing. */
final class IntList {

    private int[] values = new int[96];
    private int size;

    void add(int value) {
        if (size == values.length) {
            values = Arrays.copyOf(values, 2 * size);
        }
        values[size++] = value;
    }

    int size() {
        return size;
    }

    int[] toArray() {
        return Arrays.copyOf(values, size);
    }
}
