package io.rigshift.jobs.text3d;

import ai.djl.Device;
import ai.djl.MalformedModelException;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import io.rigshift.datasets.text.Vocabulary;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * Inference with a trained occupancy network: inside-probabilities of many points for a caption.
 * Each call runs in its own NDManager scope.
 */
public final class OccupancyPredictor implements AutoCloseable {

    /** Points per forward pass: bounds memory for large grids. */
    private static final int POINTS_PER_PASS = 16_384;

    private final OccupancyNetwork network;
    private final Vocabulary vocabulary;
    private final TextFeatures text;
    private final NDManager manager;
    private final ParameterStore store;

    private OccupancyPredictor(OccupancyNetwork network, Vocabulary vocabulary, NDManager manager) {
        this.network = network;
        this.vocabulary = vocabulary;
        this.text = TextFeatures.of(vocabulary, network.networkShape());
        this.manager = manager;
        this.store = new ParameterStore(manager, false);
    }

    /** Loads parameters saved by {@link OccupancyTrainer#saveParameters} for a network of the given shape. */
    public static OccupancyPredictor load(NetworkShape shape, Vocabulary vocabulary, InputStream parameters,
            Device device) throws IOException {
        TextFeatures.of(vocabulary, shape);
        NDManager manager = NDManager.newBaseManager(device);
        OccupancyNetwork network = new OccupancyNetwork(shape);
        try {
            network.initialize(manager, DataType.FLOAT32, new Shape(1, shape.textFeatures()), new Shape(1, 1, 3));
            network.loadInPlace(new DataInputStream(parameters));
        } catch (MalformedModelException | RuntimeException e) {
            manager.close();
            throw new IOException("cannot load model parameters: " + e.getMessage(), e);
        }
        return new OccupancyPredictor(network, vocabulary, manager);
    }

    /** For a trainer in memory (no copy of the parameters). */
    public static OccupancyPredictor of(OccupancyTrainer trainer, Vocabulary vocabulary) {
        return new OccupancyPredictor(trainer.network(), vocabulary,
                trainer.manager().newSubManager(trainer.devices().primary()));
    }

    public Vocabulary vocabulary() {
        return vocabulary;
    }

    /** Probability that each point (xyz interleaved) is inside the shape the caption describes. */
    public float[] predict(String caption, float[] xyz) {
        int count = xyz.length / 3;
        float[] out = new float[count];
        float[] words = new float[text.width()];
        text.write(caption, words, 0);
        for (int first = 0; first < count; first += POINTS_PER_PASS) {
            int n = Math.min(POINTS_PER_PASS, count - first);
            try (NDManager scope = manager.newSubManager()) {
                float[] chunk = new float[n * 3];
                System.arraycopy(xyz, first * 3, chunk, 0, n * 3);
                NDArray w = scope.create(words, new Shape(1, words.length));
                NDArray p = scope.create(chunk, new Shape(1, n, 3));
                NDArray logits = network.forward(store, new NDList(w, p), false).singletonOrThrow();
                float[] probabilities = ai.djl.nn.Activation.sigmoid(logits).toFloatArray();
                System.arraycopy(probabilities, 0, out, first, n);
            }
        }
        return out;
    }

    @Override
    public void close() {
        manager.close();
    }
}
