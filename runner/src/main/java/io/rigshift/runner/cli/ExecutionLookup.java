package io.rigshift.runner.cli;

import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.repository.JobRepository;

/** Finds the job execution a command names, or a usage error that says why not. */
public final class ExecutionLookup {

    private ExecutionLookup() {
    }

    public static JobExecution require(JobRepository repository, long id) {
        JobExecution execution;
        try {
            execution = repository.getJobExecution(id);
        } catch (org.springframework.dao.EmptyResultDataAccessException e) {
            execution = null;
        }
        if (execution == null) {
            throw new UsageException("no job execution with id " + id + " (see 'rigshift jobs')");
        }
        return execution;
    }
}
