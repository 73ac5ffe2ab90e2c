package io.rigshift.jobs.text3d;

import java.util.SplittableRandom;

/**
 * A tiny training set for tests: "small" and "large" spheres at the centre of the cube. Text features: a bag over
 * the vocabulary {@code <unk>, small, large} and {@value #SEQUENCE_LENGTH} token slots, so both text encoders of
 * {@link #SHAPE} run.
 */
final class SpheresTrainingSet implements OccupancyTrainingSet {

    static final int SEQUENCE_LENGTH = 2;

    /** The network shape tests train on this set. */
    static final NetworkShape SHAPE = new NetworkShape(3, 8, 16, 3, 32, 2, SEQUENCE_LENGTH, 8);

    private final int size;

    SpheresTrainingSet(int size) {
        this.size = size;
    }

    private static double radius(int index) {
        return index % 2 == 0 ? 0.15 : 0.4;
    }

    @Override
    public int size() {
        return size;
    }

    @Override
    public int textFeatures() {
        return 3 + SEQUENCE_LENGTH;
    }

    @Override
    public void words(int index, float[] target, int offset) {
        target[offset] = 0f;
        target[offset + 1] = index % 2 == 0 ? 1f : 0f;
        target[offset + 2] = index % 2 == 0 ? 0f : 1f;
        target[offset + 3] = TextFeatures.PADDING;
        target[offset + 4] = index % 2 == 0 ? 1f : 2f;
    }

    @Override
    public void points(int index, SplittableRandom random, float[] xyz, float[] labels, int first, int count) {
        double r = radius(index);
        for (int i = 0; i < count; i++) {
            double x = random.nextDouble() - 0.5;
            double y = random.nextDouble() - 0.5;
            double z = random.nextDouble() - 0.5;
            xyz[3 * (first + i)] = (float) x;
            xyz[3 * (first + i) + 1] = (float) y;
            xyz[3 * (first + i) + 2] = (float) z;
            labels[first + i] = x * x + y * y + z * z < r * r ? 1f : 0f;
        }
    }
}
