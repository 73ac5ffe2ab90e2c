package io.rigshift.jobs.text3d.job;

import io.rigshift.jobs.text3d.Text3dSettings;
import org.springframework.batch.core.job.parameters.JobParameters;

/** Reads a run's {@link Text3dSettings} and checkpoint cadence back from its job parameters. */
final class RunSettings {

    private RunSettings() {
    }

    static Text3dSettings settings(JobParameters parameters) {
        long seed = parameters.getLong(Text3dJob.SEED);
        Integer epochs = optionalInt(parameters, Text3dJob.EPOCHS);
        Integer batch = optionalInt(parameters, Text3dJob.BATCH_SIZE);
        Integer samples = optionalInt(parameters, Text3dJob.SAMPLES);
        return "true".equals(parameters.getString(Text3dJob.SMOKE))
                ? Text3dSettings.smoke(seed, epochs, batch, samples)
                : Text3dSettings.standard(seed, epochs, batch, samples);
    }

    static Integer optionalInt(JobParameters parameters, String name) {
        Long value = parameters.getLong(name);
        return value == null || value <= 0 ? null : Math.toIntExact(value);
    }

    static long longOr(JobParameters parameters, String name, long fallback) {
        Long value = parameters.getLong(name);
        return value == null ? fallback : value;
    }
}
