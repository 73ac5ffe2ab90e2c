package io.rigshift.jobs.text3d.job;

import java.net.InetAddress;
import java.net.UnknownHostException;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.listener.JobExecutionListener;

/**
 * Records in each job execution's context where it runs: the device, the job folder, and the
 * owner (host, pid) that lets {@code jobs} tell a live execution from one whose JVM was killed.
 */
public final class RunRecorder implements JobExecutionListener {

    private final JobEnvironment environment;

    RunRecorder(JobEnvironment environment) {
        this.environment = environment;
    }

    @Override
    public void beforeJob(JobExecution jobExecution) {
        var context = jobExecution.getExecutionContext();
        context.putString(Text3dJob.CONTEXT_DEVICE, environment.devices().description());
        context.putString(Text3dJob.CONTEXT_JOB_FOLDER,
                environment.jobFolder(jobExecution.getJobInstance().getInstanceId()).toString());
        context.putString(Text3dJob.CONTEXT_OWNER_HOST, hostName());
        context.putLong(Text3dJob.CONTEXT_OWNER_PID, ProcessHandle.current().pid());
    }

    /** This machine's host name, as recorded for owners. */
    public static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "localhost";
        }
    }
}
