package io.rigshift.jobs.text3d;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.core.Linear;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The network computes the function its documentation states, written out here op by op: tokens
 * embedded by a one-hot product (padding embeds as zeros; the network looks the rows up instead),
 * each decoder layer's bias added where the formula puts it, FiLM as
 * {@code relu((W x + b) * (1 + gamma) + beta)}. Outputs and every
 * parameter's gradient must match: the guard for any rewrite of the forward pass that fuses or
 * reorders its ops for speed (issue 15).
 */
class OccupancyNetworkTests {

    private static final NetworkShape SHAPE = new NetworkShape(7, 4, 5, 2, 8, 3, 4, 3);
    private static final int SHAPES = 3;
    private static final int POINTS = 6;

    @Test
    void outputAndGradientsMatchThePlainFormula() {
        try (NDManager manager = NDManager.newBaseManager()) {
            Engine.getInstance().setRandomSeed(11);
            OccupancyNetwork network = new OccupancyNetwork(SHAPE);
            network.initialize(manager, DataType.FLOAT32, new Shape(SHAPES, SHAPE.textFeatures()),
                    new Shape(SHAPES, POINTS, 3));
            // Biases start at zero; make every one count.
            for (var parameter : network.getParameters()) {
                NDArray array = parameter.getValue().getArray();
                array.addi(manager.randomUniform(-0.5f, 0.5f, array.getShape()));
            }
            NDArray features = manager.create(new float[] {
                0.5f, 0, 0.25f, 0, 0, 0.25f, 0, -1, -1, 2, 5,
                0, 0.5f, 0, 0.5f, 0, 0, 0, 3, 1, 0, 6,
                0, 0, 0, 0, 1, 0, 0, -1, -1, -1, 4}, new Shape(SHAPES, SHAPE.textFeatures()));
            NDArray points = manager.randomUniform(0f, 1f, new Shape(SHAPES, POINTS, 3));

            Map<String, NDArray> networkGradients = new LinkedHashMap<>();
            NDArray networkOut = run(network, manager, networkGradients,
                    () -> network.forward(new ParameterStore(manager, false), new NDList(features, points), true)
                            .singletonOrThrow());
            Map<String, NDArray> plainGradients = new LinkedHashMap<>();
            NDArray plainOut = run(network, manager, plainGradients, () -> plain(network, features, points));

            assertEquals(new Shape(SHAPES, POINTS), networkOut.getShape());
            assertClose("output", plainOut, networkOut);
            for (String name : plainGradients.keySet()) {
                assertClose(name + " gradient", plainGradients.get(name), networkGradients.get(name));
            }
        }
    }

    /**
     * Runs {@code forward} under a gradient collector and backward from a weighted sum of its output
     * (a different weight per point, so a swapped or dropped point changes the gradients), and keeps
     * the gradients.
     */
    private static NDArray run(OccupancyNetwork network, NDManager manager, Map<String, NDArray> gradients,
            java.util.function.Supplier<NDArray> forward) {
        try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
            collector.zeroGradients();
            NDArray out = forward.get();
            collector.backward(out.mul(manager.arange(1f, 1f + SHAPES * POINTS).reshape(SHAPES, POINTS)).sum());
            for (var parameter : network.getParameters()) {
                NDArray gradient = parameter.getValue().getArray().getGradient().duplicate();
                gradient.attach(manager);
                gradients.put(parameter.getKey(), gradient);
            }
            NDArray kept = out.stopGradient();
            kept.attach(manager);
            return kept;
        }
    }

    private static NDArray plain(OccupancyNetwork network, NDArray features, NDArray points) {
        Map<String, NDArray> p = new LinkedHashMap<>();
        for (var parameter : network.getParameters()) {
            p.put(parameter.getKey(), parameter.getValue().getArray());
        }
        int vocabulary = SHAPE.vocabularySize();
        NDManager manager = features.getManager();
        NDArray table = p.get("text_embedding_weight");
        NDArray pooled = Linear.linear(features.get(":, :" + vocabulary), table).singletonOrThrow();
        NDArray text = Linear.linear(pooled, p.get("text_projection_weight"), p.get("text_projection_bias"))
                .singletonOrThrow();
        NDArray slots = features.get(":, " + vocabulary + ":");
        NDArray oneHot = slots.expandDims(-1).eq(manager.arange(0f, vocabulary, 1f)).toType(DataType.FLOAT32, false);
        NDArray tokens = Linear.linear(oneHot, table).singletonOrThrow();
        NDArray initial = manager.zeros(new Shape(1, SHAPES, SHAPE.sequenceSize()));
        NDList gru = new NDList(p.get("text_gru_input_weight"), p.get("text_gru_hidden_weight"),
                p.get("text_gru_input_bias"), p.get("text_gru_hidden_bias"));
        NDArray state = tokens.getNDArrayInternal().gru(tokens, initial, gru, true, 1, 0.0, true, false, true).get(1)
                .squeeze(0);
        text = Activation.relu(text.add(Linear.linear(state, p.get("text_sequence_weight")).singletonOrThrow()));

        NDArray scaled = points.expandDims(-1).mul(manager.create(new float[] {(float) Math.PI, (float) (2 * Math.PI)}));
        NDArray flat = scaled.reshape(SHAPES, POINTS, 6);
        NDArray fourier = points.concat(flat.sin(), -1).concat(flat.cos(), -1);
        NDArray x = Linear.linear(fourier, p.get("decoder_0_point_weight"), p.get("decoder_0_bias")).singletonOrThrow();
        x = Activation.relu(x.add(Linear.linear(text, p.get("decoder_0_text_weight")).singletonOrThrow().expandDims(1)));
        for (int i = 1; i < SHAPE.hiddenLayers(); i++) {
            NDArray film = Linear.linear(text, p.get("decoder_" + i + "_text_weight")).singletonOrThrow().expandDims(1);
            NDArray gamma = film.get(":, :, :" + SHAPE.hiddenSize());
            NDArray beta = film.get(":, :, " + SHAPE.hiddenSize() + ":");
            NDArray linear = Linear.linear(x, p.get("decoder_" + i + "_weight"), p.get("decoder_" + i + "_bias"))
                    .singletonOrThrow();
            x = Activation.relu(linear.mul(gamma.add(1f)).add(beta));
        }
        return Linear.linear(x, p.get("head_weight"), p.get("head_bias")).singletonOrThrow().squeeze(-1);
    }

    private static void assertClose(String what, NDArray expected, NDArray actual) {
        assertEquals(expected.getShape(), actual.getShape(), what);
        float scale = Math.max(1e-3f, expected.abs().max().getFloat());
        float difference = expected.sub(actual).abs().max().getFloat();
        if (difference > 1e-5f * scale) {
            throw new AssertionError(what + ": largest difference " + difference + " (largest value " + scale + ")");
        }
    }
}
