package io.rigshift.jobs.text3d;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import ai.djl.training.loss.SigmoidBinaryCrossEntropyLoss;
import ai.djl.util.Pair;
import java.util.HashMap;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * A training set for tests that holds one shape many times, always with the same points: every batch is that shape
 * repeated, so the gradient of a batch's mean loss is the gradient of the shape alone, whatever the order or split.
 */
final class OneShapeRepeated implements OccupancyTrainingSet {

    private static final long POINTS_SEED = 99;
    private static final SpheresTrainingSet SPHERES = new SpheresTrainingSet(1);

    private final int size;

    OneShapeRepeated(int size) {
        this.size = size;
    }

    @Override
    public int size() {
        return size;
    }

    @Override
    public int textFeatures() {
        return SPHERES.textFeatures();
    }

    @Override
    public void words(int index, float[] target, int offset) {
        SPHERES.words(0, target, offset);
    }

    @Override
    public void points(int index, SplittableRandom random, float[] xyz, float[] labels, int first, int count) {
        SPHERES.points(0, new SplittableRandom(POINTS_SEED), xyz, labels, first, count);
    }

    /**
     * The gradient of the loss of the shape by parameter name, from one forward and backward pass of the trainer's
     * network on its current parameters, copied into {@code scope}; the parameters' gradients are zeroed again.
     */
    static Map<String, NDArray> gradients(OccupancyTrainer trainer, NDManager scope) {
        OneShapeRepeated shape = new OneShapeRepeated(1);
        int points = trainer.plan().pointsPerShape();
        float[] words = new float[shape.textFeatures()];
        float[] xyz = new float[3 * points];
        float[] labels = new float[points];
        shape.words(0, words, 0);
        shape.points(0, null, xyz, labels, 0, points);
        try (NDManager pass = scope.newSubManager()) {
            NDArray w = pass.create(words, new Shape(1, words.length));
            NDArray p = pass.create(xyz, new Shape(1, points, 3));
            NDArray y = pass.create(labels, new Shape(1, points));
            try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
                NDArray logits = trainer.network().forward(new ParameterStore(pass, false), new NDList(w, p), true)
                        .singletonOrThrow();
                collector.backward(new SigmoidBinaryCrossEntropyLoss().evaluate(new NDList(y), new NDList(logits)));
            }
        }
        Map<String, NDArray> gradients = new HashMap<>();
        for (Pair<String, Parameter> parameter : trainer.parameters()) {
            try (NDArray gradient = parameter.getValue().getArray().getGradient()) {
                NDArray copy = gradient.duplicate();
                copy.attach(scope);
                gradients.put(parameter.getKey(), copy);
                gradient.subi(gradient);
            }
        }
        return gradients;
    }
}
