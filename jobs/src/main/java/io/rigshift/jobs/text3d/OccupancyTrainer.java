package io.rigshift.jobs.text3d;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import ai.djl.training.loss.Loss;
import ai.djl.training.loss.SigmoidBinaryCrossEntropyLoss;
import ai.djl.util.Pair;
import io.rigshift.jobs.training.Denormals;
import io.rigshift.jobs.training.DeviceAssignment;
import io.rigshift.jobs.training.LearningRateSchedule;
import io.rigshift.jobs.training.MatmulPrecision;
import io.rigshift.jobs.training.Precision;
import io.rigshift.jobs.training.ReplicaTraining;
import io.rigshift.jobs.training.StatefulAdam;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.SplittableRandom;

/**
 * The training loop of the occupancy network, one batch per {@link #step()}:
 * assemble -> forward -> loss -> backward -> averaged update, each batch in its own NDManager scope.
 *
 * <p>Everything a step computes is a function of (seed, global step): the epoch's shuffle is a
 * Fisher-Yates permutation seeded by (seed, epoch), points are drawn from a generator seeded by
 * (seed, step, slot), and the learning rate is a function of the step. So the state to save for
 * an exact resume is the parameters, the optimizer's moments and the global step.
 */
public final class OccupancyTrainer implements AutoCloseable {

    private final OccupancyNetwork network;
    private final OccupancyTrainingSet data;
    private final TrainingPlan plan;
    private final DeviceAssignment devices;
    private final NDManager manager;
    private final StatefulAdam optimizer;
    private final ReplicaTraining replicas;
    private final Loss loss = new SigmoidBinaryCrossEntropyLoss();
    private final int stepsPerEpoch;
    private final float[] words;
    private final float[] xyz;
    private final float[] labels;
    private final Thread owner;
    private final boolean flushesDenormals;
    private long globalStep;
    private int orderEpoch = -1;
    private int[] order;

    /**
     * Builds the network and its optimizer on the assigned devices, with freshly initialised
     * parameters (seeded by the plan).
     */
    public OccupancyTrainer(NetworkShape shape, OccupancyTrainingSet data, TrainingPlan plan,
            DeviceAssignment devices) {
        if (data.size() < plan.shapesPerBatch()) {
            throw new IllegalArgumentException("the training set has " + data.size()
                    + " shapes, fewer than one batch of " + plan.shapesPerBatch());
        }
        if (plan.shapesPerBatch() % devices.shards() != 0) {
            throw new IllegalArgumentException("a batch of " + plan.shapesPerBatch()
                    + " shapes cannot be split evenly over " + devices.shards() + " replicas");
        }
        if (data.textFeatures() != shape.textFeatures()) {
            throw new IllegalArgumentException("the training set writes " + data.textFeatures()
                    + " text features per shape, the network reads " + shape.textFeatures());
        }
        plan.precision().requireSupported(devices.devices(), Precision.cpuFlags());
        // Before this thread's first engine operation, so that the engine threads it starts flush too.
        Engine.getInstance();
        this.owner = Thread.currentThread();
        this.flushesDenormals = Denormals.flushOnThisThread();
        this.data = data;
        this.plan = plan;
        this.devices = devices;
        this.stepsPerEpoch = data.size() / plan.shapesPerBatch();
        this.manager = NDManager.newBaseManager(devices.primary());
        this.network = new OccupancyNetwork(shape);
        Engine.getInstance().setRandomSeed((int) plan.seed());
        network.initialize(manager, DataType.FLOAT32,
                new Shape(plan.shapesPerBatch(), shape.textFeatures()),
                new Shape(plan.shapesPerBatch(), plan.pointsPerShape(), 3));
        long total = totalSteps();
        this.optimizer = new StatefulAdam(
                new LearningRateSchedule(plan.learningRate(), plan.learningRate() * 0.05,
                        Math.min(200, total / 10), total),
                0.9f, 0.999f, 1e-8f, 0f, false, manager.newSubManager());
        this.replicas = new ReplicaTraining(network, optimizer, devices, manager);
        this.words = new float[plan.shapesPerBatch() * shape.textFeatures()];
        this.xyz = new float[plan.pointsPerBatch() * 3];
        this.labels = new float[plan.pointsPerBatch()];
    }

    /** A trainer of the settings' network on the workload's training set and vocabulary. */
    public static OccupancyTrainer of(Text3dWorkload workload, Text3dSettings settings, DeviceAssignment devices) {
        NetworkShape shape = settings.networkShape(workload.vocabulary().size());
        return new OccupancyTrainer(shape, workload.trainingSet(TextFeatures.of(workload.vocabulary(), shape)),
                settings.plan(), devices);
    }

    /** Runs one batch and returns its mean loss. */
    public float step() {
        if (isFinished()) {
            throw new IllegalStateException("training already ran its " + totalSteps() + " steps");
        }
        assemble(globalStep);
        Engine.getInstance().setRandomSeed((int) mix(plan.seed(), globalStep, -1));
        // Process-wide: set for this step only, so evaluation and other code multiply in fp32.
        MatmulPrecision.use(plan.precision());
        try {
            return trainOn();
        } finally {
            MatmulPrecision.use(Precision.FP32);
        }
    }

    private float trainOn() {
        int shards = devices.shards();
        int shapesPerShard = plan.shapesPerBatch() / shards;
        int textWidth = network.networkShape().textFeatures();
        int points = plan.pointsPerShape();
        float lossSum = 0f;
        try (NDManager batch = manager.newSubManager()) {
            NDArray[] shardLosses = new NDArray[shards];
            try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
                for (int s = 0; s < shards; s++) {
                    Device device = devices.deviceOfShard(s);
                    NDManager shardManager = batch.newSubManager(device);
                    int first = s * shapesPerShard;
                    NDArray w = shardManager.create(slice(words, first * textWidth, shapesPerShard * textWidth),
                            new Shape(shapesPerShard, textWidth));
                    NDArray p = shardManager.create(slice(xyz, first * points * 3, shapesPerShard * points * 3),
                            new Shape(shapesPerShard, points, 3));
                    NDArray y = shardManager.create(slice(labels, first * points, shapesPerShard * points),
                            new Shape(shapesPerShard, points));
                    NDArray logits = network.forward(replicas.parameterStore(), new NDList(w, p), true)
                            .singletonOrThrow();
                    NDArray l = loss.evaluate(new NDList(y), new NDList(logits));
                    collector.backward(l);
                    shardLosses[s] = l;
                }
            }
            replicas.update(globalStep + 1);
            for (NDArray l : shardLosses) {
                lossSum += l.getFloat();
            }
        }
        globalStep++;
        return lossSum / shards;
    }

    private static float[] slice(float[] source, int from, int length) {
        if (from == 0 && length == source.length) {
            return source;
        }
        float[] out = new float[length];
        System.arraycopy(source, from, out, 0, length);
        return out;
    }

    /** Fills the batch arrays of a global step. */
    private void assemble(long step) {
        int epoch = (int) (step / stepsPerEpoch);
        int position = (int) (step % stepsPerEpoch);
        int[] permutation = orderOf(epoch);
        int textWidth = network.networkShape().textFeatures();
        int points = plan.pointsPerShape();
        for (int slot = 0; slot < plan.shapesPerBatch(); slot++) {
            int index = permutation[position * plan.shapesPerBatch() + slot];
            data.words(index, words, slot * textWidth);
            data.points(index, new SplittableRandom(mix(plan.seed(), step, slot)), xyz, labels, slot * points,
                    points);
        }
    }

    private int[] orderOf(int epoch) {
        if (epoch != orderEpoch) {
            order = EpochOrder.permutation(data.size(), mix(plan.seed(), epoch, -2));
            orderEpoch = epoch;
        }
        return order;
    }

    /** A 64-bit hash of (seed, a, b): independent streams per step and slot. */
    static long mix(long seed, long a, long b) {
        long z = seed * 0x9E3779B97F4A7C15L + a * 0xBF58476D1CE4E5B9L + b * 0x94D049BB133111EBL;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    public boolean isFinished() {
        return globalStep >= totalSteps();
    }

    public long globalStep() {
        return globalStep;
    }

    public int stepsPerEpoch() {
        return stepsPerEpoch;
    }

    public long totalSteps() {
        return (long) stepsPerEpoch * plan.epochs();
    }

    /** The epoch (0-based) the next step belongs to. */
    public int epoch() {
        return (int) (globalStep / stepsPerEpoch);
    }

    /** The position of the next step inside its epoch. */
    public int positionInEpoch() {
        return (int) (globalStep % stepsPerEpoch);
    }

    public OccupancyNetwork network() {
        return network;
    }

    public StatefulAdam optimizer() {
        return optimizer;
    }

    public DeviceAssignment devices() {
        return devices;
    }

    public TrainingPlan plan() {
        return plan;
    }

    /** Writes the parameters (DJL's block format). */
    public void saveParameters(DataOutputStream out) throws IOException {
        network.saveParameters(out);
    }

    /**
     * Restores parameters, optimizer state and the global step; call before the first step.
     */
    public void restore(DataInputStream parameters, java.util.List<String> stateNames, NDList optimizerState,
            long step) throws IOException, ai.djl.MalformedModelException {
        if (globalStep != 0) {
            throw new IllegalStateException("restore must come before the first step");
        }
        network.loadInPlace(parameters);
        optimizer.importState(stateNames, optimizerState, devices.devices());
        globalStep = step;
    }

    /** Names and arrays of the parameters, for tests and diagnostics. */
    public java.util.List<Pair<String, Parameter>> parameters() {
        return network.getParameters().stream().toList();
    }

    public NDManager manager() {
        return manager;
    }

    /** Whether subnormal floats are flushed to zero on the thread that made this trainer ({@link Denormals}). */
    public boolean flushesDenormals() {
        return flushesDenormals;
    }

    @Override
    public void close() {
        manager.close();
        if (flushesDenormals && Thread.currentThread() == owner) {
            Denormals.keepOnThisThread();
        }
    }
}
