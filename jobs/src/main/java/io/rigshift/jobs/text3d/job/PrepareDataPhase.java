package io.rigshift.jobs.text3d.job;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.rigshift.jobs.api.JobContext;
import io.rigshift.jobs.api.JobPhase;
import io.rigshift.jobs.checkpoint.DurableFiles;
import io.rigshift.jobs.text3d.Text3dWorkload;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Phase 1: builds the run's data (procedural shapes of its seed, or the user's manifest), checks
 * it, and records the vocabulary and the counts in the job folder.
 */
final class PrepareDataPhase implements JobPhase {

    private final WorkloadSource workloads;

    PrepareDataPhase(WorkloadSource workloads) {
        this.workloads = workloads;
    }

    @Override
    public String name() {
        return Text3dJobType.PREPARE_DATA;
    }

    @Override
    public Progress run(JobContext context) throws Exception {
        Path folder = context.jobFolder();
        Text3dWorkload workload = workloads.load(context);
        workload.warnings().forEach(context.reporter()::warning);
        workload.vocabulary().save(folder.resolve("vocabulary.txt"));
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("train", workload.train().size());
        summary.put("validation", workload.validation().size());
        summary.put("novel", workload.novel().size());
        summary.put("vocabulary", workload.vocabulary().size());
        DurableFiles.writeAtomically(folder.resolve(ModelFiles.DATA),
                new ObjectMapper().writerWithDefaultPrettyPrinter().writeValueAsBytes(summary));
        return Progress.DONE;
    }
}
