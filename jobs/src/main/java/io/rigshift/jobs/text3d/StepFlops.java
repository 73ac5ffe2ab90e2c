package io.rigshift.jobs.text3d;

import java.util.ArrayList;
import java.util.List;

/**
 * The matrix products of one training step of an {@link OccupancyNetwork}, counted from its
 * {@link NetworkShape} and the batch: what the step's arithmetic must cost at the least, for a
 * roofline against the engine's measured matrix-multiply rate.
 *
 * <p>Each {@code Linear} {@code y[m, out] = x[m, in] W^T} costs {@code 2 m in out} FLOPs forward;
 * backward adds the weight gradient {@code dW = dy^T x} (the same count) and, where the input
 * needs a gradient, the input gradient {@code dx = dy W} (the same count again): 2x forward for a
 * hidden layer, 1x for a layer on the batch's own inputs (the Fourier features and the bag of
 * words need none). The GRU is counted the same way, its input projection over all slots at once
 * and its hidden projection once per slot; its tokens are looked up in the embedding table, which
 * is no product. Element-wise work (biases, FiLM, ReLU, the GRU's gates,
 * the loss) and the optimizer are not counted: they are memory-bound and small in FLOPs.
 */
public final class StepFlops {

    /** The three products of a training step: forward and the two backward ones. */
    public enum Pass { FORWARD, WEIGHT_GRADIENT, INPUT_GRADIENT }

    /**
     * One matrix product {@code [m, k] x [k, n]}, {@code repeats} times; the flags say which operand
     * the engine reads transposed (as autograd lays them out), so a benchmark can time the same layout.
     */
    public record Product(String layer, Pass pass, long m, long k, long n, int repeats, boolean leftTransposed,
            boolean rightTransposed) {

        public Product {
            if (m <= 0 || k <= 0 || n <= 0 || repeats <= 0) {
                throw new IllegalArgumentException("a product needs positive sizes, was " + m + "x" + k + " by " + k
                        + "x" + n + " x" + repeats);
            }
        }

        public long flops() {
            return 2L * m * k * n * repeats;
        }

        /** {@code MxK by KxN} with the transposes marked, e.g. {@code 256x8192(T) by 8192x39}. */
        public String dimensions() {
            return m + "x" + k + (leftTransposed ? "(T)" : "") + " by " + k + "x" + n + (rightTransposed ? "(T)" : "");
        }
    }

    private final List<Product> products;

    private StepFlops(List<Product> products) {
        this.products = List.copyOf(products);
    }

    /** The products of one step of the network of {@code shape} on a batch of {@code shapes} x {@code points}. */
    public static StepFlops of(NetworkShape shape, int shapes, int points) {
        List<Product> out = new ArrayList<>();
        long s = shapes;
        long n = (long) shapes * points;
        int h = shape.hiddenSize();
        int e = shape.embeddingSize();
        int t = shape.textSize();
        linear(out, "text_embedding", s, shape.vocabularySize(), e, 1, false);
        linear(out, "text_projection", s, e, t, 1, true);
        if (shape.hasSequenceEncoder()) {
            int g = shape.sequenceSize();
            linear(out, "text_gru_input", s * shape.sequenceLength(), e, 3 * g, 1, true);
            linear(out, "text_gru_hidden", s, g, 3 * g, shape.sequenceLength(), true);
            linear(out, "text_sequence", s, g, t, 1, true);
        }
        linear(out, "decoder_0_text", s, t, h, 1, true);
        for (int i = 1; i < shape.hiddenLayers(); i++) {
            linear(out, "decoder_" + i + "_text", s, t, 2 * h, 1, true);
        }
        linear(out, "decoder_0_point", n, shape.pointFeatures(), h, 1, false);
        for (int i = 1; i < shape.hiddenLayers(); i++) {
            linear(out, "decoder_" + i, n, h, h, 1, true);
        }
        linear(out, "head", n, h, 1, 1, true);
        return new StepFlops(out);
    }

    /** A linear layer {@code [rows, in] -> [rows, units]}: forward, weight gradient, and input gradient if asked. */
    private static void linear(List<Product> out, String layer, long rows, long in, long units, int repeats,
            boolean inputGradient) {
        out.add(new Product(layer, Pass.FORWARD, rows, in, units, repeats, false, true));
        out.add(new Product(layer, Pass.WEIGHT_GRADIENT, units, rows, in, repeats, true, false));
        if (inputGradient) {
            out.add(new Product(layer, Pass.INPUT_GRADIENT, rows, units, in, repeats, false, false));
        }
    }

    public List<Product> products() {
        return products;
    }

    /** FLOPs of the whole step: forward and backward. */
    public long total() {
        return products.stream().mapToLong(Product::flops).sum();
    }

    /** FLOPs of one pass over all layers. */
    public long of(Pass pass) {
        return products.stream().filter(p -> p.pass() == pass).mapToLong(Product::flops).sum();
    }
}
