package io.rigshift.runner.cli;

import io.rigshift.runner.batch.JobRepositories;
import io.rigshift.runner.store.Store;
import java.nio.file.Path;
import org.springframework.batch.core.job.JobExecution;

/** The artifacts folder of the job execution a command names: per job instance, shared by its restarts. */
final class JobFolders {

    private JobFolders() {
    }

    /** What job types' commands get from the runner: job folders and the engine, under one home. */
    static final class Support implements io.rigshift.jobs.api.JobCommandSupport {

        private final HomeOptions home;

        Support(HomeOptions home) {
            this.home = home;
        }

        @Override
        public Path jobFolder(long executionId) {
            return of(home, executionId);
        }

        @Override
        public void startEngine() {
            io.rigshift.runner.training.EngineSetup.start(home.home());
        }
    }

    /** The folder of the execution's job instance, or a usage error when there is no such execution. */
    static Path of(HomeOptions homeOptions, long jobId) {
        JobExecution execution;
        try (Store store = homeOptions.openStoreForReading()) {
            execution = ExecutionLookup.require(JobRepositories.jdbc(store), jobId);
        }
        return homeOptions.home().jobFolder(execution.getJobInstance().getInstanceId());
    }
}
