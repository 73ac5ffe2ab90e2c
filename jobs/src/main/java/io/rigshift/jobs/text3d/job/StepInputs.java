package io.rigshift.jobs.text3d.job;

import io.rigshift.jobs.text3d.Text3dSettings;
import io.rigshift.jobs.text3d.Text3dWorkload;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.StepExecution;

/**
 * What every step of the job starts from: its execution, the job instance's folder (created on
 * first use), the run's settings and its data, rebuilt the same way in every step and restart.
 */
record StepInputs(StepExecution step, Path folder, Text3dSettings settings, Text3dWorkload workload) {

    static StepInputs of(ChunkContext chunk, JobEnvironment environment, WorkloadSource workloads) throws Exception {
        StepExecution step = chunk.getStepContext().getStepExecution();
        Text3dSettings settings = RunSettings.settings(step.getJobParameters());
        return new StepInputs(step, folder(step, environment), settings, workloads.load(step.getJobParameters(), settings));
    }

    private static Path folder(StepExecution step, JobEnvironment environment) throws IOException {
        Path folder = environment.jobFolder(step.getJobExecution().getJobInstance().getInstanceId());
        Files.createDirectories(folder);
        return folder;
    }
}
