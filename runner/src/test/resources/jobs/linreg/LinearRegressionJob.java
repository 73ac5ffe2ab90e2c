package example.linreg;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.rigshift.jobs.api.JobContext;
import io.rigshift.jobs.api.JobParameter;
import io.rigshift.jobs.api.JobPhase;
import io.rigshift.jobs.api.JobType;
import io.rigshift.jobs.checkpoint.StoredCheckpoint;
import io.rigshift.jobs.checkpoint.TrainingSnapshot;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * A tenant's own DJL job, as a test builds it into a jar: linear regression on synthetic data,
 * trained with plain gradient descent, checkpointing through the runner's checkpoint store.
 */
public final class LinearRegressionJob implements JobType {

    @Override
    public String name() {
        return "linreg";
    }

    @Override
    public String description() {
        return "Linear regression on synthetic data (a test job)";
    }

    @Override
    public List<JobParameter> parameters() {
        return List.of(
                JobParameter.integer("steps", "Gradient steps.").optDefault(300).optRange(1, 1_000_000),
                JobParameter.integer("features", "Input features.").optDefault(8).optRange(1, 1024),
                JobParameter.decimal("lr", "Learning rate.").optDefault(0.05),
                JobParameter.integer("slow-ms", "Sleep per batch, to let tests kill it mid-run.").optDefault(0)
                        .optRange(0, 10_000));
    }

    @Override
    public List<JobPhase> phases() {
        return List.of(new Train());
    }

    /** The one phase: batches of 64 fresh samples, a function of (seed, step). */
    static final class Train implements JobPhase {

        private static final int BATCH = 64;
        private NDManager manager;
        private float[] weights;
        private long step;

        @Override
        public String name() {
            return "train";
        }

        @Override
        public Progress run(JobContext context) throws Exception {
            int features = context.arguments().getInt("features");
            long steps = context.arguments().getLong("steps");
            float lr = (float) context.arguments().getDouble("lr");
            if (manager == null) {
                manager = NDManager.newBaseManager(context.devices().primary());
                weights = new float[features + 1];
                step = 0;
                var newest = context.checkpoints().newestValid(bad -> context.reporter().warning("skipped " + bad.name()));
                if (newest.isPresent()) {
                    restore(newest.get());
                }
                context.reporter().trainingStarted(step, steps, (int) steps);
            }
            float[] truth = truth(context.random().seed(), features);
            for (int i = 0; i < 10 && step < steps && !context.stopRequested(); i++) {
                float loss;
                try (NDManager batch = manager.newSubManager()) {
                    SplittableRandom random = context.random().forStep(step, 0);
                    float[] x = new float[BATCH * (features + 1)];
                    float[] y = new float[BATCH];
                    for (int row = 0; row < BATCH; row++) {
                        float target = 0;
                        for (int f = 0; f <= features; f++) {
                            float value = f == features ? 1f : (float) (random.nextDouble() * 2 - 1);
                            x[row * (features + 1) + f] = value;
                            target += value * truth[f];
                        }
                        y[row] = target + (float) (random.nextGaussian() * 0.01);
                    }
                    NDArray inputs = batch.create(x, new Shape(BATCH, features + 1));
                    NDArray targets = batch.create(y, new Shape(BATCH, 1));
                    NDArray w = batch.create(weights, new Shape(features + 1, 1));
                    NDArray error = inputs.matMul(w).sub(targets);
                    loss = error.square().mean().getFloat();
                    NDArray gradient = inputs.transpose().matMul(error).mul(2f / BATCH);
                    weights = w.sub(gradient.mul(lr)).toFloatArray();
                }
                step++;
                context.reporter().batchEnded(step, 0, loss, BATCH);
                if (context.arguments().getLong("slow-ms") > 0) {
                    Thread.sleep(context.arguments().getLong("slow-ms"));
                }
                if (step % context.cadence().everyBatches() == 0 || step == steps) {
                    checkpoint(context);
                }
            }
            if (step < steps) {
                return Progress.MORE;
            }
            Files.writeString(context.artifactsFolder().resolve("weights.txt"), hex(weights), StandardCharsets.UTF_8);
            context.reporter().metric(step, "weight_error", error(truth));
            return Progress.DONE;
        }

        @Override
        public void stopping(JobContext context) {
            checkpoint(context);
        }

        @Override
        public void close(JobContext context) {
            if (manager != null) {
                manager.close();
                manager = null;
            }
        }

        private void checkpoint(JobContext context) {
            ByteBuffer buffer = ByteBuffer.allocate(Long.BYTES + weights.length * Float.BYTES);
            buffer.putLong(step);
            for (float w : weights) {
                buffer.putFloat(w);
            }
            Path written = context.checkpoints().write(new TrainingSnapshot(step, 0, Map.of("weights.bin", buffer.array())));
            context.reporter().checkpointWritten(step, written);
        }

        private void restore(StoredCheckpoint checkpoint) throws IOException {
            ByteBuffer buffer = ByteBuffer.wrap(Files.readAllBytes(checkpoint.file("weights.bin")));
            step = buffer.getLong();
            for (int i = 0; i < weights.length; i++) {
                weights[i] = buffer.getFloat();
            }
        }

        private static float[] truth(long seed, int features) {
            SplittableRandom random = new SplittableRandom(seed);
            float[] truth = new float[features + 1];
            for (int i = 0; i < truth.length; i++) {
                truth[i] = (float) (random.nextDouble() * 4 - 2);
            }
            return truth;
        }

        private double error(float[] truth) {
            double sum = 0;
            for (int i = 0; i < truth.length; i++) {
                sum += Math.abs(truth[i] - weights[i]);
            }
            return sum / truth.length;
        }

        private static String hex(float[] values) {
            StringBuilder out = new StringBuilder();
            for (float v : values) {
                out.append(Integer.toHexString(Float.floatToRawIntBits(v))).append('\n');
            }
            return out.toString();
        }
    }
}
