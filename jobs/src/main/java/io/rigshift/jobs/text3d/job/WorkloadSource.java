package io.rigshift.jobs.text3d.job;

import io.rigshift.jobs.text3d.Text3dSettings;
import io.rigshift.jobs.text3d.Text3dWorkload;
import org.springframework.batch.core.job.parameters.JobParameters;

/**
 * Builds a run's data from its job parameters, the same way in every step and every restart.
 * Keeps the last one built, since steps of one process ask for the same data.
 */
final class WorkloadSource {

    private JobParameters lastParameters;
    private Text3dWorkload last;

    synchronized Text3dWorkload load(JobParameters parameters, Text3dSettings settings) throws Exception {
        if (last == null || !parameters.equals(lastParameters)) {
            String dataset = parameters.getString(Text3dJob.DATASET);
            last = dataset == null || dataset.isBlank()
                    ? Text3dWorkload.procedural(settings)
                    : Text3dWorkload.fromManifest(java.nio.file.Path.of(dataset), settings,
                            "true".equals(parameters.getString(Text3dJob.SKIP_INVALID)));
            lastParameters = parameters;
        }
        return last;
    }
}
