package io.rigshift.jobs.command;

import ai.djl.Device;
import io.rigshift.jobs.api.JobContext;
import io.rigshift.jobs.api.JobPhase;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * The one phase of a command job: starts the program on the first call, then waits for it a
 * couple of seconds per call so the runner can commit and look for stop requests in between.
 * Stopping signals the program's whole process group; nothing it started outlives the phase.
 */
final class CommandPhase implements JobPhase {

    static final String NAME = "run";
    static final String STATE_PID = "command.pid";
    static final String STATE_STARTED = "command.started";
    static final String STATE_EXIT_CODE = "command.exit_code";
    /** Set for the program and inherited by all it starts: marks the processes of this job. */
    static final String JOB_FOLDER_VARIABLE = "RIGSHIFT_JOB_FOLDER";

    /** How long one {@link #run} call waits for the program: the runner's commit interval. */
    private static final Duration WAIT_PER_CALL = Duration.ofSeconds(2);
    /** Grace when the job ends for another reason while the program still runs. */
    private static final Duration CLOSE_GRACE = Duration.ofSeconds(5);

    private ProcessGroup group;
    private CommandInvocation invocation;

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Progress run(JobContext context) throws Exception {
        if (group == null) {
            if (context.stopRequested()) {
                return Progress.MORE; // stopped before it started: nothing to run, nothing to stop
            }
            invocation = CommandInvocation.from(context.arguments());
            stopLeftover(context);
            group = start(context);
        }
        Process process = group.process();
        boolean exited = !process.isAlive()
                || (!context.stopRequested() && process.waitFor(WAIT_PER_CALL.toMillis(), TimeUnit.MILLISECONDS));
        if (!exited) {
            return Progress.MORE;
        }
        int code = process.exitValue();
        context.state().putLong(STATE_EXIT_CODE, code);
        if (code != 0) {
            throw new CommandFailedException(code);
        }
        return Progress.DONE;
    }

    @Override
    public void stopping(JobContext context) throws Exception {
        if (group != null && group.isAlive() && !group.stop(invocation.stopGrace())) {
            context.reporter().warning("command (pid " + group.pid() + ") did not exit within "
                    + invocation.stopGrace().toSeconds() + " s of SIGTERM: killed its process group");
        }
    }

    @Override
    public void close(JobContext context) throws Exception {
        if (group == null) {
            return;
        }
        Duration grace = invocation.stopGrace().compareTo(CLOSE_GRACE) < 0 ? invocation.stopGrace() : CLOSE_GRACE;
        if (group.isAlive()) {
            context.reporter().warning("command (pid " + group.pid() + ") was still running when the job ended: "
                    + "stopping its process group");
            group.stop(grace);
        } else if (group.hasLiveMembers() && group.kill()) {
            context.reporter().warning("command (pid " + group.pid() + ") exited but left processes running in its "
                    + "process group: killed them");
        }
        group = null;
    }

    /** An earlier JVM that died (SIGKILL, a lost node) may have left the program running. */
    private void stopLeftover(JobContext context) throws InterruptedException {
        var pid = context.state().getLong(STATE_PID);
        var started = context.state().getLong(STATE_STARTED);
        if (pid.isEmpty() || started.isEmpty()) {
            return;
        }
        var leftover = ProcessGroup.find(pid.get(), started.get());
        if (leftover.isEmpty()) {
            // The leader died with the JVM (parent-death signal); its own children did not.
            leftover = ProcessGroup.orphaned(pid.get(), JOB_FOLDER_VARIABLE + "=" + jobFolder(context));
        }
        if (leftover.isPresent()) {
            context.reporter().warning("processes of an earlier execution's command (process group " + pid.get()
                    + ") are still running: stopping them before starting the command again");
            leftover.get().stop(invocation.stopGrace());
        }
    }

    private ProcessGroup start(JobContext context) throws IOException, InterruptedException {
        Files.createDirectories(context.checkpointsFolder());
        Files.createDirectories(context.artifactsFolder());
        Path log = CommandJobType.logFile(context.jobFolder());
        Files.createDirectories(log.getParent());
        Files.writeString(log, "=== rigshift: execution " + context.executionId() + " started "
                + context.clock().instant() + " : " + invocation.displayed() + " ===\n", StandardCharsets.UTF_8,
                StandardOpenOption.CREATE, StandardOpenOption.APPEND);

        ProcessBuilder builder = new ProcessBuilder(invocation.argv())
                .directory(new File(System.getProperty("user.dir")))
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        Map<String, String> environment = builder.environment();
        environment.putAll(invocation.extraEnvironment());
        environment.put("CUDA_VISIBLE_DEVICES", visibleDevices(context));
        environment.put("RIGSHIFT_CHECKPOINT_DIR", context.checkpointsFolder().toAbsolutePath().toString());
        environment.put("RIGSHIFT_ARTIFACTS_DIR", context.artifactsFolder().toAbsolutePath().toString());
        environment.put("RIGSHIFT_JOB_ID", Long.toString(context.executionId()));
        environment.put("RIGSHIFT_TENANT", context.tenant());
        environment.put(JOB_FOLDER_VARIABLE, jobFolder(context));

        // Started here, on the job's own thread, never on a helper thread: setpriv's parent-death
        // signal fires when the spawning thread ends, and this one lives as long as the job.
        ProcessGroup started = ProcessGroup.start(builder);
        context.state().putLong(STATE_PID, started.pid());
        context.state().putLong(STATE_STARTED, started.startedEpochMillis());
        if (!started.leadsGroup() && started.isAlive()) {
            context.reporter().warning("command (pid " + started.pid() + ") runs without its own process group "
                    + "(no setsid on PATH): stopping reaches only the processes still under it");
        }
        return started;
    }

    /** The GPUs the lease gave, or none at all: an empty list hides every GPU from the program. */
    private static String jobFolder(JobContext context) {
        return context.jobFolder().toAbsolutePath().toString();
    }

    private static String visibleDevices(JobContext context) {
        if (!context.devices().usesGpu()) {
            return "";
        }
        return context.devices().devices().stream().filter(Device::isGpu)
                .map(d -> Integer.toString(d.getDeviceId())).collect(Collectors.joining(","));
    }
}
