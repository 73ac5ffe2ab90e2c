package io.rigshift.jobs.text3d;

import io.rigshift.jobs.training.Precision;

/**
 * How long and how hard to train: everything the math of a run depends on besides the data and
 * the network shape. Two runs with the same plan, data and shape end with the same parameters.
 *
 * @param seed seeds initialisation, shuffling and point sampling
 * @param epochs passes over the training shapes
 * @param shapesPerBatch captioned shapes per batch (split across replicas)
 * @param pointsPerShape labelled points per shape per batch
 * @param learningRate peak learning rate
 * @param precision the decoder's arithmetic; {@code null} (a checkpoint from before it existed) reads as fp32
 */
public record TrainingPlan(long seed, int epochs, int shapesPerBatch, int pointsPerShape, double learningRate,
        Precision precision) {

    /** A plan in fp32. */
    public TrainingPlan(long seed, int epochs, int shapesPerBatch, int pointsPerShape, double learningRate) {
        this(seed, epochs, shapesPerBatch, pointsPerShape, learningRate, Precision.FP32);
    }

    public TrainingPlan {
        if (precision == null) {
            precision = Precision.FP32;
        }
        if (epochs <= 0) {
            throw new IllegalArgumentException("epochs must be positive, was " + epochs);
        }
        if (shapesPerBatch <= 0) {
            throw new IllegalArgumentException("shapes per batch must be positive, was " + shapesPerBatch);
        }
        if (pointsPerShape <= 0) {
            throw new IllegalArgumentException("points per shape must be positive, was " + pointsPerShape);
        }
        if (!(learningRate > 0)) {
            throw new IllegalArgumentException("learning rate must be positive, was " + learningRate);
        }
    }

    /** This plan with another precision, everything else the same. */
    public TrainingPlan withPrecision(Precision other) {
        return new TrainingPlan(seed, epochs, shapesPerBatch, pointsPerShape, learningRate, other);
    }

    /** Points in one batch. */
    public int pointsPerBatch() {
        return shapesPerBatch * pointsPerShape;
    }
}
