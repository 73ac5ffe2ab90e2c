package io.rigshift.jobs.text3d.job;

import io.rigshift.jobs.api.JobContext;
import io.rigshift.jobs.text3d.Text3dSettings;
import io.rigshift.jobs.text3d.Text3dWorkload;
import java.nio.file.Path;

/**
 * Builds a run's settings and data from its arguments and seed, the same way in every phase and
 * every restart. Keeps the last one built, since the phases of one process ask for the same data.
 */
final class WorkloadSource {

    private String lastKey;
    private Text3dWorkload last;

    static Text3dSettings settings(JobContext context) {
        var arguments = context.arguments();
        Integer epochs = arguments.optLong(Text3dJobType.EPOCHS).map(Math::toIntExact).orElse(null);
        Integer batch = arguments.optLong(Text3dJobType.BATCH_SIZE).map(Math::toIntExact).orElse(null);
        Integer samples = arguments.optLong(Text3dJobType.SAMPLES).map(Math::toIntExact).orElse(null);
        long seed = context.random().seed();
        Text3dSettings settings = arguments.getFlag(Text3dJobType.SMOKE)
                ? Text3dSettings.smoke(seed, epochs, batch, samples)
                : Text3dSettings.standard(seed, epochs, batch, samples);
        return settings.withPrecision(Text3dJobType.precision(arguments));
    }

    /**
     * The settings for training on the workload: the batch clamped to the training shapes (rounded down to whole
     * batches per replica), with a one-line notice, so that small datasets just train.
     */
    static Text3dSettings fittedSettings(JobContext context, Text3dWorkload workload) {
        Text3dSettings settings = settings(context);
        int shapes = workload.train().size();
        int batch = settings.plan().shapesPerBatch();
        int shards = context.devices().shards();
        int fitted = shapes / shards * shards;
        if (batch <= shapes || fitted == 0) {
            return settings;
        }
        context.reporter().warning("batch size " + batch + " is more than the " + shapes + " training shapes; "
                + "training with batches of " + fitted);
        return settings.withShapesPerBatch(fitted);
    }

    synchronized Text3dWorkload load(JobContext context) throws Exception {
        String key = context.arguments() + "|" + context.random().seed();
        if (last == null || !key.equals(lastKey)) {
            Text3dSettings settings = settings(context);
            var dataset = context.arguments().optString(Text3dJobType.DATASET);
            last = dataset.isEmpty() ? Text3dWorkload.procedural(settings)
                    : Text3dWorkload.fromManifest(Path.of(dataset.get()), settings,
                            context.arguments().getFlag(Text3dJobType.SKIP_INVALID),
                            Text3dJobType.validationFraction(context.arguments()));
            lastKey = key;
        }
        return last;
    }
}
