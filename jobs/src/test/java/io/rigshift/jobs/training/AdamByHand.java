package io.rigshift.jobs.training;

/**
 * Adam written out in doubles for one weight, the reference the optimizer tests check against. It follows the
 * engine's fused kernel: the gradient is rescaled first, epsilon is added to {@code sqrt(v)} and the bias
 * correction {@code sqrt(1 - beta2^t) / (1 - beta1^t)} scales the learning rate.
 */
final class AdamByHand {

    final double[] weight;
    final double[] mean;
    final double[] variance;
    private final double beta1;
    private final double beta2;
    private final double epsilon;
    private final double weightDecay;
    private final boolean decoupled;

    AdamByHand(float[] weight, double beta1, double beta2, double epsilon, double weightDecay, boolean decoupled) {
        this.weight = new double[weight.length];
        for (int i = 0; i < weight.length; i++) {
            this.weight[i] = weight[i];
        }
        this.mean = new double[weight.length];
        this.variance = new double[weight.length];
        this.beta1 = beta1;
        this.beta2 = beta2;
        this.epsilon = epsilon;
        this.weightDecay = weightDecay;
        this.decoupled = decoupled;
    }

    /** Update number {@code update} (1-based) with the gradient times {@code rescale}. */
    void step(double[] gradient, double rescale, double learningRate, long update) {
        double correction = learningRate * Math.sqrt(1 - Math.pow(beta2, update)) / (1 - Math.pow(beta1, update));
        for (int i = 0; i < weight.length; i++) {
            double g = gradient[i] * rescale;
            if (decoupled) {
                weight[i] -= learningRate * weightDecay * weight[i];
            } else {
                g += weightDecay * weight[i];
            }
            mean[i] = beta1 * mean[i] + (1 - beta1) * g;
            variance[i] = beta2 * variance[i] + (1 - beta2) * g * g;
            weight[i] -= correction * mean[i] / (Math.sqrt(variance[i]) + epsilon);
        }
    }

    static double[] doubles(float[] values) {
        double[] out = new double[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = values[i];
        }
        return out;
    }

    static float[] floats(double[] values) {
        float[] out = new float[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = (float) values[i];
        }
        return out;
    }
}
