package io.rigshift.runner.training;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rigshift.jobs.api.InvalidJobParameterException;
import io.rigshift.jobs.text3d.InvalidDatasetException;
import java.io.IOException;
import org.junit.jupiter.api.Test;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.JobInstance;
import org.springframework.batch.core.job.parameters.JobParameters;

/** The rule for advising a resume: only where running again can help, never for a wrong input. */
class JobRunTests {

    @Test
    void badParameterOrDatasetIsAnInputErrorEvenWrapped() {
        assertTrue(JobRun.isInputError(failedWith(new InvalidJobParameterException("parameter x='y' is not valid"))));
        assertTrue(JobRun.isInputError(failedWith(new IllegalStateException("phase failed",
                new InvalidDatasetException("dataset m.csv: no usable file to train on")))));
    }

    @Test
    void crashesAndIoFailuresAreNotInputErrors() {
        assertFalse(JobRun.isInputError(failedWith(new IllegalStateException("device lost"))));
        assertFalse(JobRun.isInputError(failedWith(new IOException("disk full"))));
        assertFalse(JobRun.isInputError(failedWith(new IllegalArgumentException("not a user input"))));
    }

    private static JobExecution failedWith(Throwable failure) {
        JobExecution execution = new JobExecution(1L, new JobInstance(1L, "text3d"), new JobParameters());
        execution.addFailureException(failure);
        return execution;
    }
}
