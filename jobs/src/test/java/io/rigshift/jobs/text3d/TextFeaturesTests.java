package io.rigshift.jobs.text3d;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import io.rigshift.datasets.text.Vocabulary;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TextFeaturesTests {

    private static final Vocabulary VOCABULARY = Vocabulary.withWordPairs(List.of("a small cone on a box"));

    @Test
    void bagThenLeftPaddedTokenSlots() {
        TextFeatures features = new TextFeatures(VOCABULARY, 6);
        float[] out = new float[features.width() + 2];

        features.write("a cone on a box", out, 2);

        int v = VOCABULARY.size();
        assertEquals(v + 6, features.width());
        float[] slots = Arrays.copyOfRange(out, 2 + v, 2 + v + 6);
        assertArrayEquals(new float[] {TextFeatures.PADDING, id("a"), id("cone"), id("on"), id("a"), id("box")}, slots);
        // Words: 5 tokens, "a" twice; pairs: "cone on", "on a", "a box" known ("a cone" is not), each once.
        assertEquals(2f / 5, out[2 + id("a")], 1e-6);
        assertEquals(1f / 5, out[2 + id("box")], 1e-6);
        assertEquals(1f / 3, out[2 + id("cone on")], 1e-6);
        assertEquals(0f, out[2 + id("small")]);
        assertEquals(0f, out[0], "nothing written before the offset");
    }

    @Test
    void longCaptionsKeepTheirFirstTokensAndUnknownWordsBecomeTheUnknownId() {
        TextFeatures features = new TextFeatures(VOCABULARY, 3);
        float[] out = new float[features.width()];

        features.write("a purple cone on a box", out, 0);

        int v = VOCABULARY.size();
        assertArrayEquals(new float[] {id("a"), 0f, id("cone")}, Arrays.copyOfRange(out, v, v + 3));
        assertTrue(out[0] > 0f, "the unknown word counts in the bag as <unk>");
    }

    @Test
    void aNetworkOfAnotherVocabularySizeIsRefused() {
        NetworkShape shape = new NetworkShape(VOCABULARY.size() + 1, 8, 16, 3, 32, 2, 4, 8);
        var error = assertThrows(IllegalArgumentException.class, () -> TextFeatures.of(VOCABULARY, shape));
        assertTrue(error.getMessage().contains(Integer.toString(VOCABULARY.size() + 1)), error.getMessage());
    }

    /** The GRU is what reads word order: the same bag in two orders gives two shapes; without it, one. */
    @Test
    void onlyTheSequenceEncoderTellsWordOrdersApart() {
        float[] bag = {0f, 1f / 3, 1f / 3, 1f / 3};
        float[] forward = concat(bag, new float[] {1, 2, 3});
        float[] backward = concat(bag, new float[] {3, 2, 1});
        NetworkShape withSequence = new NetworkShape(4, 8, 16, 3, 32, 2, 3, 8);

        float[][] ordered = logits(withSequence, forward, backward);
        assertFalse(Arrays.equals(ordered[0], ordered[1]), "the GRU's state depends on the order");

        NetworkShape bagOnly = new NetworkShape(4, 8, 16, 3, 32, 2);
        float[][] unordered = logits(bagOnly, bag, bag);
        assertArrayEquals(unordered[0], unordered[1]);
    }

    private static float[][] logits(NetworkShape shape, float[] first, float[] second) {
        try (NDManager manager = NDManager.newBaseManager(ai.djl.Device.cpu())) {
            OccupancyNetwork network = new OccupancyNetwork(shape);
            network.initialize(manager, DataType.FLOAT32, new Shape(2, shape.textFeatures()), new Shape(2, 4, 3));
            NDArray text = manager.create(concat(first, second), new Shape(2, shape.textFeatures()));
            float[] xyz = new float[2 * 4 * 3];
            for (int i = 0; i < xyz.length; i++) {
                xyz[i] = (i % 12 % 7) / 10f - 0.3f; // the same four points for both captions
            }
            NDArray points = manager.create(xyz, new Shape(2, 4, 3));
            float[] out = network.forward(new ParameterStore(manager, false), new NDList(text, points), false)
                    .singletonOrThrow().toFloatArray();
            return new float[][] {Arrays.copyOfRange(out, 0, 4), Arrays.copyOfRange(out, 4, 8)};
        }
    }

    private static int id(String token) {
        assertTrue(VOCABULARY.contains(token), token);
        return VOCABULARY.id(token);
    }

    private static float[] concat(float[] a, float[] b) {
        float[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
