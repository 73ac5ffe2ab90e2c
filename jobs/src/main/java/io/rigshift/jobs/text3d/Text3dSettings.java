package io.rigshift.jobs.text3d;

/**
 * Everything that sizes one text-to-3D run: data counts, network widths and the training plan.
 * {@link #smoke} and {@link #standard} are the two presets; the CLI overrides epochs, batch size,
 * sample count and seed.
 *
 * @param trainShapes captioned shapes to train on
 * @param validationShapes held-out instances of seen combinations, for validation IoU
 * @param novelShapes instances of held-out combinations, for novel-combination IoU
 * @param pointsPerShape labelled points precomputed per shape, drawn from at every step
 * @param evaluationGrid cells per side of the IoU grid
 * @param sequenceLength token slots the recurrent text encoder reads (see {@link NetworkShape})
 * @param sequenceSize state width of the recurrent text encoder
 */
public record Text3dSettings(boolean smoke, int trainShapes, int validationShapes, int novelShapes,
        int pointsPerShape, int evaluationGrid, int embeddingSize, int textSize, int fourierFrequencies,
        int hiddenSize, int hiddenLayers, int sequenceLength, int sequenceSize, TrainingPlan plan) {

    public Text3dSettings {
        if (trainShapes <= 0) {
            throw new IllegalArgumentException("samples must be positive, was " + trainShapes);
        }
    }

    /** The smoke preset: the whole job in seconds on CPU; learns a little, proves the path. */
    public static Text3dSettings smoke(long seed, Integer epochs, Integer batchSize, Integer samples) {
        var splits = io.rigshift.datasets.shapes.ProceduralSplits.smoke(samples);
        return new Text3dSettings(true, splits.train(), splits.validation(), splits.novel(), 256, 20, 16, 32, 4, 64, 2, 16, 16,
                new TrainingPlan(seed, orDefault(epochs, 4), orDefault(batchSize, 16), 64, 3e-3));
    }

    /** The standard preset: meets the quality targets on 2 CPU cores in under 10 minutes. */
    public static Text3dSettings standard(long seed, Integer epochs, Integer batchSize, Integer samples) {
        var splits = io.rigshift.datasets.shapes.ProceduralSplits.standard(samples);
        return new Text3dSettings(false, splits.train(), splits.validation(), splits.novel(), 2048, 32, 64, 128, 6, 256, 3, 16, 64,
                new TrainingPlan(seed, orDefault(epochs, 26), orDefault(batchSize, 64), 128, 8e-3));
    }

    /** These settings with another batch size, everything else the same. */
    public Text3dSettings withShapesPerBatch(int shapesPerBatch) {
        TrainingPlan changed = new TrainingPlan(plan.seed(), plan.epochs(), shapesPerBatch, plan.pointsPerShape(),
                plan.learningRate(), plan.precision());
        return withPlan(changed);
    }

    /** These settings training in another precision, everything else the same. */
    public Text3dSettings withPrecision(io.rigshift.jobs.training.Precision precision) {
        return withPlan(plan.withPrecision(precision));
    }

    private Text3dSettings withPlan(TrainingPlan changed) {
        return new Text3dSettings(smoke, trainShapes, validationShapes, novelShapes, pointsPerShape, evaluationGrid,
                embeddingSize, textSize, fourierFrequencies, hiddenSize, hiddenLayers, sequenceLength, sequenceSize,
                changed);
    }

    private static int orDefault(Integer value, int fallback) {
        return value == null ? fallback : value;
    }

    /** The network's shape for a vocabulary of the given size. */
    public NetworkShape networkShape(int vocabularySize) {
        return new NetworkShape(vocabularySize, embeddingSize, textSize, fourierFrequencies, hiddenSize, hiddenLayers,
                sequenceLength, sequenceSize);
    }
}
