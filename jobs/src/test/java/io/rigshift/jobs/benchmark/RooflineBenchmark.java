package io.rigshift.jobs.benchmark;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import ai.djl.training.loss.Loss;
import ai.djl.training.loss.SigmoidBinaryCrossEntropyLoss;
import io.rigshift.jobs.text3d.NetworkShape;
import io.rigshift.jobs.text3d.OccupancyNetwork;
import io.rigshift.jobs.text3d.OccupancyTrainer;
import io.rigshift.jobs.text3d.OccupancyTrainingSet;
import io.rigshift.jobs.text3d.StepFlops;
import io.rigshift.jobs.text3d.Text3dSettings;
import io.rigshift.jobs.text3d.Text3dWorkload;
import io.rigshift.jobs.text3d.TextFeatures;
import io.rigshift.jobs.training.DeviceAssignment;
import io.rigshift.jobs.training.NativeAllocator;
import io.rigshift.jobs.training.Precision;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Issue 15's roofline: the engine's fp32 matrix-multiply rate at the sample training step's own
 * shapes (forward and both backward products, in autograd's layouts) and at 4096^2, the step's
 * FLOPs counted from the network's shape ({@link StepFlops}), the bare training step of the
 * standard preset ({@link OccupancyTrainer#step()}, the job's step and batch) and what it achieves
 * against both ceilings; and the step split into forward, backward, the GRU and the rest, timed in
 * the same rounds (each part a difference of two timings of one round). All in one process, each
 * figure the median of several timed rounds after a warm-up.
 *
 * <pre>
 * mvn -q -B -o -ntp -DskipTests package
 * java -cp "jobs/target/test-classes:jobs/target/classes:datasets/target/classes:runner/target/lib/*" io.rigshift.jobs.benchmark.RooflineBenchmark [OTHER]
 * </pre>
 *
 * <p>Where the CPU reports bf16 instructions, a second trainer with {@code precision bf16} is timed
 * in the same rounds. {@code OTHER}, a checkout of another commit (an earlier one, or a candidate
 * change) built the same way, adds that build's trainer to the rounds ({@link OtherBuildTrainer}):
 * its step, its ratio to the ceiling of its own products, and its step against this build's,
 * round by round.
 *
 * <p>Threads: {@code -Dai.djl.pytorch.num_threads=N} (default: the cores).
 */
public final class RooflineBenchmark {

    private static final int ROUNDS = 7;
    private static final double PRODUCT_SECONDS = 0.08;
    private static final int WARM_UP_STEPS = 30;
    private static final int STEPS_PER_ROUND = 20;

    private RooflineBenchmark() {
    }

    public static void main(String[] args) {
        System.setProperty("ai.djl.offline", "true");
        if (System.getProperty("ai.djl.pytorch.num_threads") == null) {
            System.setProperty("ai.djl.pytorch.num_threads",
                    Integer.toString(Runtime.getRuntime().availableProcessors()));
        }
        NativeAllocator.keepFreedMemory();
        Engine engine = Engine.getEngine("PyTorch");
        Text3dSettings settings = Text3dSettings.standard(42, 1, null, null);
        Text3dWorkload workload = Text3dWorkload.procedural(settings);
        NetworkShape shape = settings.networkShape(workload.vocabulary().size());
        int shapes = settings.plan().shapesPerBatch();
        int points = settings.plan().pointsPerShape();
        StepFlops flops = StepFlops.of(shape, shapes, points);
        System.out.printf("engine %s %s, %s threads, %d cores; network %s; batch %d shapes x %d points%n",
                engine.getEngineName(), engine.getVersion(), System.getProperty("ai.djl.pytorch.num_threads"),
                Runtime.getRuntime().availableProcessors(), shape, shapes, points);

        boolean bf16 = Precision.BF16_CPU_FLAGS.stream().anyMatch(Precision.cpuFlags()::contains);
        try (NDManager manager = NDManager.newBaseManager();
                OccupancyTrainer trainer = OccupancyTrainer.of(workload, settings, DeviceAssignment.cpu());
                OccupancyTrainer bf16Trainer = bf16 ? OccupancyTrainer.of(workload,
                        settings.withPrecision(Precision.BF16), DeviceAssignment.cpu()) : null;
                OtherBuildTrainer other = args.length > 0 ? new OtherBuildTrainer(Path.of(args[0])) : null;
                Parts full = new Parts(workload, settings, shape, manager);
                Parts bag = new Parts(workload, settings, new NetworkShape(shape.vocabularySize(),
                        shape.embeddingSize(), shape.textSize(), shape.fourierFrequencies(), shape.hiddenSize(),
                        shape.hiddenLayers()), manager)) {
            StepFlops.Product square = new StepFlops.Product("square", StepFlops.Pass.FORWARD, 4096, 4096, 4096, 1,
                    false, false);
            Map<String, Timed> timed = new LinkedHashMap<>();
            timed.put(square.dimensions(), new Timed(manager, square, 1));
            for (StepFlops.Product product : flops.products()) {
                timed.computeIfAbsent(product.dimensions(), d -> new Timed(manager, product, PRODUCT_SECONDS));
            }
            for (StepFlops.Product product : other == null ? List.<StepFlops.Product>of() : other.products()) {
                timed.computeIfAbsent(product.dimensions(), d -> new Timed(manager, product, PRODUCT_SECONDS));
            }
            for (int i = 0; i < WARM_UP_STEPS; i++) {
                trainer.step();
                if (bf16) {
                    bf16Trainer.step();
                }
                if (other != null) {
                    other.step();
                }
            }
            full.millis(true, WARM_UP_STEPS);
            bag.millis(true, WARM_UP_STEPS);
            // Rounds interleave the ceiling and the step, so that load from elsewhere hits both alike.
            double[] ceilings = new double[ROUNDS];
            double[] steps = new double[ROUNDS];
            double[] ratios = new double[ROUNDS];
            double[] squareRatios = new double[ROUNDS];
            double[] bf16Steps = new double[ROUNDS];
            double[] speedUps = new double[ROUNDS];
            double[] otherSteps = new double[ROUNDS];
            double[] otherRatios = new double[ROUNDS];
            double[] otherOverThis = new double[ROUNDS];
            double[] forward = new double[ROUNDS];
            double[] forwardBackward = new double[ROUNDS];
            double[] backward = new double[ROUNDS];
            double[] rest = new double[ROUNDS];
            double[] gru = new double[ROUNDS];
            for (int r = 0; r < ROUNDS; r++) {
                for (Timed t : timed.values()) {
                    t.run(r);
                }
                ceilings[r] = flops.total() / productSeconds(flops.products(), timed, r) / 1e9;
                steps[r] = millisPerStep(trainer::step);
                double achieved = flops.total() / (steps[r] / 1e3) / 1e9;
                ratios[r] = 100 * achieved / ceilings[r];
                squareRatios[r] = 100 * achieved / timed.get(square.dimensions()).rates[r];
                forward[r] = full.millis(false, STEPS_PER_ROUND);
                forwardBackward[r] = full.millis(true, STEPS_PER_ROUND);
                backward[r] = forwardBackward[r] - forward[r];
                rest[r] = steps[r] - forwardBackward[r];
                gru[r] = forwardBackward[r] - bag.millis(true, STEPS_PER_ROUND);
                if (bf16) {
                    bf16Steps[r] = millisPerStep(bf16Trainer::step);
                    speedUps[r] = steps[r] / bf16Steps[r];
                }
                if (other != null) {
                    otherSteps[r] = millisPerStep(other::step);
                    otherRatios[r] = 100 * (productSeconds(other.products(), timed, r) * 1e3) / otherSteps[r];
                    otherOverThis[r] = otherSteps[r] / steps[r];
                }
            }
            System.out.printf("%nceiling: fp32 matMul, GFLOP/s (median of %d rounds (min-max, spread))%n", ROUNDS);
            for (StepFlops.Product product : flops.products()) {
                if (product.flops() >= flops.total() / 100) {
                    System.out.printf("  %-16s %-15s %-26s %5.1f%% of FLOPs  %s%n", product.layer(), product.pass(),
                            product.dimensions(), 100.0 * product.flops() / flops.total(),
                            new Figures(timed.get(product.dimensions()).rates));
                }
            }
            System.out.printf("  (products under 1%% of the FLOPs are timed and weighted too, not listed)%n");
            System.out.printf("  4096x4096 by 4096x4096: %s%n", new Figures(timed.get(square.dimensions()).rates));
            Figures ceiling = new Figures(ceilings);
            System.out.printf("  shape-weighted ceiling of the step (its FLOPs / the sum of each product's time): %s "
                    + "GFLOP/s = %.2f ms per step%n", ceiling, flops.total() / ceiling.median() / 1e6);
            System.out.printf("%nFLOPs per step: %.3f G (forward %.3f, weight gradients %.3f, input gradients %.3f; "
                    + "2*m*n*k per product)%n", flops.total() / 1e9, flops.of(StepFlops.Pass.FORWARD) / 1e9,
                    flops.of(StepFlops.Pass.WEIGHT_GRADIENT) / 1e9, flops.of(StepFlops.Pass.INPUT_GRADIENT) / 1e9);
            Figures step = new Figures(steps);
            System.out.printf("%nbare training step (OccupancyTrainer.step, %d steps a round), ms: %s%n",
                    STEPS_PER_ROUND, step);
            System.out.printf("achieved %.1f GFLOP/s (median step)%n", flops.total() / (step.median() / 1e3) / 1e9);
            System.out.printf("ratio to the shape-weighted ceiling, per round: %s %%%n", new Figures(ratios));
            System.out.printf("ratio to 4096^2, per round:                     %s %%%n", new Figures(squareRatios));

            if (bf16) {
                Figures bf16Step = new Figures(bf16Steps);
                System.out.printf("%nbf16 training step (precision bf16; this CPU reports %s), ms: %s%n",
                        Precision.BF16_CPU_FLAGS.stream().filter(Precision.cpuFlags()::contains).toList(), bf16Step);
                System.out.printf("fp32 step / bf16 step, per round: %s; the same FLOPs at %.1f GFLOP/s, %.1f%% of the "
                        + "fp32 shape-weighted ceiling%n", new Figures(speedUps),
                        flops.total() / (bf16Step.median() / 1e3) / 1e9,
                        100 * flops.total() / (bf16Step.median() / 1e3) / 1e9 / ceiling.median());
            } else {
                System.out.printf("%nbf16: this CPU reports neither %s; not timed%n", Precision.BF16_CPU_FLAGS);
            }
            if (other != null) {
                Figures otherStep = new Figures(otherSteps);
                System.out.printf("%nother build (%s): %.3f GFLOP per step by its own count; step, ms: %s%n", args[0],
                        other.flops() / 1e9, otherStep);
                System.out.printf("its ratio to its own shape-weighted ceiling, per round: %s %%%n",
                        new Figures(otherRatios));
                System.out.printf("its step / this build's step, per round: %s%n", new Figures(otherOverThis));
            }
            System.out.printf("%nthe step in parts, ms, each worked out per round from timings of the same round (median (min-max, spread)):%n");
            System.out.printf("  forward and loss        %s%n", new Figures(forward));
            System.out.printf("  forward, loss, backward %s%n", new Figures(forwardBackward));
            System.out.printf("  backward alone          %s%n", new Figures(backward).range());
            System.out.printf("  rest of the step (batch assembly, upload, update, loss read) %s%n", new Figures(rest).range());
            System.out.printf("  the GRU text encoder (the step without it, forward and backward) %s%n", new Figures(gru).range());
            System.out.printf("  one element-wise pass over a [%d, %d, %d] activation (relu / broadcast mul): %s / %s%n",
                    shapes, points, shape.hiddenSize(), elementWise(manager, shapes, points, shape.hiddenSize(), false),
                    elementWise(manager, shapes, points, shape.hiddenSize(), true));
        }
    }

    /** Milliseconds per step over one round of {@value #STEPS_PER_ROUND} steps. */
    private static double millisPerStep(Runnable step) {
        long start = System.nanoTime();
        for (int i = 0; i < STEPS_PER_ROUND; i++) {
            step.run();
        }
        return (System.nanoTime() - start) / 1e6 / STEPS_PER_ROUND;
    }

    /** Seconds the products would take at the rates measured in {@code round}: a step's ceiling time. */
    private static double productSeconds(List<StepFlops.Product> products, Map<String, Timed> timed, int round) {
        double seconds = 0;
        for (StepFlops.Product product : products) {
            seconds += product.flops() / (timed.get(product.dimensions()).rates[round] * 1e9);
        }
        return seconds;
    }

    /** One product's operands, in its layout, and its rate (GFLOP/s) in each round. */
    private static final class Timed {
        final NDArray left;
        final NDArray right;
        final long flops;
        final int calls;
        final double[] rates = new double[ROUNDS];

        Timed(NDManager manager, StepFlops.Product product, double seconds) {
            left = product.leftTransposed()
                    ? manager.randomUniform(-1, 1, new Shape(product.k(), product.m())).transpose()
                    : manager.randomUniform(-1, 1, new Shape(product.m(), product.k()));
            right = product.rightTransposed()
                    ? manager.randomUniform(-1, 1, new Shape(product.n(), product.k())).transpose()
                    : manager.randomUniform(-1, 1, new Shape(product.k(), product.n()));
            flops = 2L * product.m() * product.k() * product.n();
            time(left, right, 3);
            int n = 1;
            double took;
            while ((took = time(left, right, n)) < seconds / 4) {
                n *= 2;
            }
            calls = (int) Math.max(1, Math.round(n * seconds / took));
        }

        void run(int round) {
            rates[round] = flops * calls / time(left, right, calls) / 1e9;
        }
    }

    /** Median, min and max of a series of timings. */
    record Figures(double[] values) {
        double median() {
            double[] sorted = values.clone();
            Arrays.sort(sorted);
            return sorted[sorted.length / 2];
        }

        double min() {
            return Arrays.stream(values).min().orElseThrow();
        }

        double max() {
            return Arrays.stream(values).max().orElseThrow();
        }

        /** Median and range, without the spread: for differences of two timings, whose median can be near 0. */
        String range() {
            return String.format("%.2f (%.2f-%.2f)", median(), min(), max());
        }

        @Override
        public String toString() {
            double min = min();
            double max = max();
            return String.format("%.2f (%.2f-%.2f, spread %.0f%%)", median(), min, max, 100 * (max - min) / median());
        }
    }

    private static double time(NDArray left, NDArray right, int calls) {
        long start = System.nanoTime();
        for (int i = 0; i < calls; i++) {
            left.matMul(right).close();
        }
        return (System.nanoTime() - start) / 1e9;
    }

    /** Milliseconds per pass over a fresh activation, one figure per round. */
    private static Figures elementWise(NDManager manager, int shapes, int points, int width, boolean broadcastMul) {
        try (NDManager scope = manager.newSubManager()) {
            NDArray x = scope.randomUniform(-1, 1, new Shape(shapes, points, width));
            NDArray scale = scope.randomUniform(-1, 1, new Shape(shapes, 1, width));
            double[] rounds = new double[ROUNDS];
            for (int r = -1; r < ROUNDS; r++) {
                long start = System.nanoTime();
                for (int i = 0; i < 50; i++) {
                    (broadcastMul ? x.mul(scale) : ai.djl.nn.Activation.relu(x)).close();
                }
                if (r >= 0) {
                    rounds[r] = (System.nanoTime() - start) / 1e6 / 50;
                }
            }
            return new Figures(rounds);
        }
    }

    /**
     * Forward (and loss) alone, and forward with backward, of a fresh network of a shape on one
     * fixed batch of the training set, without the update: the step's parts, timed in the same
     * rounds as the step, so that each part is a difference of two timings made seconds apart.
     */
    private static final class Parts implements AutoCloseable {
        private final NDManager manager;
        private final OccupancyNetwork network;
        private final ParameterStore store;
        private final NetworkShape shape;
        private final int shapes;
        private final int points;
        private final float[] words;
        private final float[] xyz;
        private final float[] labels;
        private final Loss loss = new SigmoidBinaryCrossEntropyLoss();

        Parts(Text3dWorkload workload, Text3dSettings settings, NetworkShape shape, NDManager parent) {
            this.shape = shape;
            shapes = settings.plan().shapesPerBatch();
            points = settings.plan().pointsPerShape();
            NetworkShape full = settings.networkShape(workload.vocabulary().size());
            OccupancyTrainingSet data = workload.trainingSet(TextFeatures.of(workload.vocabulary(), full));
            float[] all = new float[full.textFeatures()];
            words = new float[shapes * shape.textFeatures()];
            xyz = new float[shapes * points * 3];
            labels = new float[shapes * points];
            for (int slot = 0; slot < shapes; slot++) {
                data.words(slot, all, 0);
                System.arraycopy(all, 0, words, slot * shape.textFeatures(), shape.textFeatures());
                data.points(slot, new SplittableRandom(slot), xyz, labels, slot * points, points);
            }
            manager = parent.newSubManager();
            network = new OccupancyNetwork(shape);
            network.initialize(manager, ai.djl.ndarray.types.DataType.FLOAT32, new Shape(shapes, shape.textFeatures()),
                    new Shape(shapes, points, 3));
            store = new ParameterStore(manager, false);
        }

        /** Milliseconds per pass, over {@code passes} passes. */
        double millis(boolean backward, int passes) {
            long start = System.nanoTime();
            for (int i = 0; i < passes; i++) {
                try (NDManager batch = manager.newSubManager();
                        GradientCollector collector = Engine.getInstance().newGradientCollector()) {
                    NDArray w = batch.create(words, new Shape(shapes, shape.textFeatures()));
                    NDArray p = batch.create(xyz, new Shape(shapes, points, 3));
                    NDArray y = batch.create(labels, new Shape(shapes, points));
                    NDArray logits = network.forward(store, new NDList(w, p), true).singletonOrThrow();
                    NDArray l = loss.evaluate(new NDList(y), new NDList(logits));
                    if (backward) {
                        collector.backward(l);
                    }
                    l.getFloat();
                }
            }
            return (System.nanoTime() - start) / 1e6 / passes;
        }

        @Override
        public void close() {
            manager.close();
        }
    }
}
