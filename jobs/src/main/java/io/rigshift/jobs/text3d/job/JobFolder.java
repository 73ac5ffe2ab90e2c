package io.rigshift.jobs.text3d.job;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.springframework.batch.core.step.StepExecution;

/** The folder of the job instance a step belongs to, created on first use. */
final class JobFolder {

    private JobFolder() {
    }

    static Path of(StepExecution step, JobEnvironment environment) {
        Path folder = environment.jobFolder(step.getJobExecution().getJobInstance().getInstanceId());
        try {
            Files.createDirectories(folder);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create job folder " + folder, e);
        }
        return folder;
    }
}
