package io.rigshift.jobs.text3d.job;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.rigshift.jobs.checkpoint.DurableFiles;
import io.rigshift.jobs.text3d.Text3dWorkload;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;

/**
 * Step 1: builds the run's data (procedural shapes of its seed, or the user's manifest), checks
 * it, and records the vocabulary and the counts in the job folder.
 */
final class PrepareDataTasklet implements Tasklet {

    private final JobEnvironment environment;
    private final WorkloadSource workloads;

    PrepareDataTasklet(JobEnvironment environment, WorkloadSource workloads) {
        this.environment = environment;
        this.workloads = workloads;
    }

    @Override
    public RepeatStatus execute(StepContribution contribution, ChunkContext chunkContext) throws Exception {
        StepInputs inputs = StepInputs.of(chunkContext, environment, workloads);
        StepExecution step = inputs.step();
        Path folder = inputs.folder();
        Text3dWorkload workload = inputs.workload();
        workload.warnings().forEach(environment.observer()::warning);
        workload.vocabulary().save(folder.resolve("vocabulary.txt"));
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("train", workload.train().size());
        summary.put("validation", workload.validation().size());
        summary.put("novel", workload.novel().size());
        summary.put("vocabulary", workload.vocabulary().size());
        DurableFiles.writeAtomically(folder.resolve(ModelFiles.DATA),
                new ObjectMapper().writerWithDefaultPrettyPrinter().writeValueAsBytes(summary));
        contribution.incrementWriteCount(workload.train().size() + workload.validation().size()
                + workload.novel().size());
        step.getJobExecution().getExecutionContext().putString(Text3dJob.CONTEXT_JOB_FOLDER, folder.toString());
        return RepeatStatus.FINISHED;
    }
}
