package io.rigshift.jobs.text3d;

import java.util.SplittableRandom;

/** The order in which an epoch visits the training shapes: a seeded Fisher-Yates shuffle. */
final class EpochOrder {

    private EpochOrder() {
    }

    static int[] permutation(int size, long seed) {
        int[] order = new int[size];
        for (int i = 0; i < size; i++) {
            order[i] = i;
        }
        SplittableRandom random = new SplittableRandom(seed);
        for (int i = size - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int swap = order[i];
            order[i] = order[j];
            order[j] = swap;
        }
        return order;
    }
}
