package io.rigshift.jobs.command;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.rigshift.jobs.api.CheckpointCadence;
import io.rigshift.jobs.api.InvalidJobParameterException;
import io.rigshift.jobs.api.JobArguments;
import io.rigshift.jobs.api.JobContext;
import io.rigshift.jobs.api.JobPhase;
import io.rigshift.jobs.api.JobReporter;
import io.rigshift.jobs.api.JobState;
import io.rigshift.jobs.api.StepRandom;
import io.rigshift.jobs.checkpoint.CheckpointStore;
import io.rigshift.jobs.training.DeviceAssignment;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command job type run the way the runner runs it, on real child processes. */
class CommandJobTypeTests {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final CommandJobType type = new CommandJobType();

    @TempDir
    Path folder;

    @Test
    void programSeesJobFoldersLeasedGpusAndExtraEnvironment() throws Exception {
        String script = "{ printf 'cuda=[%s]\\n' \"${CUDA_VISIBLE_DEVICES-unset}\";"
                + " printf 'checkpoints=%s\\n' \"$RIGSHIFT_CHECKPOINT_DIR\";"
                + " printf 'artifacts=%s\\n' \"$RIGSHIFT_ARTIFACTS_DIR\";"
                + " printf 'job=%s\\n' \"$RIGSHIFT_JOB_ID\"; printf 'tenant=%s\\n' \"$RIGSHIFT_TENANT\";"
                + " printf 'folder=%s\\n' \"$RIGSHIFT_JOB_FOLDER\"; printf 'extra=%s\\n' \"$EXTRA_SETTING\";"
                + " printf 'path=%s\\n' \"$PATH\"; printf 'cwd=%s\\n' \"$(pwd)\";"
                + " } > \"$RIGSHIFT_JOB_FOLDER/seen.txt\"";
        TestJobContext context = context(DeviceAssignment.gpus(List.of(0, 2)),
                Map.of("command", argv("sh", "-c", script), "env", "{\"EXTRA_SETTING\":\"a b\"}"));

        runToEnd(context);

        Map<String, String> seen = seen(folder.resolve("seen.txt"));
        assertEquals("[0,2]", seen.get("cuda"));
        assertEquals(folder.resolve("checkpoints").toString(), seen.get("checkpoints"));
        assertTrue(Files.isDirectory(folder.resolve("checkpoints")));
        assertEquals(folder.resolve("artifacts").toString(), seen.get("artifacts"));
        assertEquals("42", seen.get("job"));
        assertEquals("acme", seen.get("tenant"));
        assertEquals(folder.toString(), seen.get("folder"));
        assertEquals("a b", seen.get("extra"));
        assertEquals(System.getenv("PATH"), seen.get("path"));
        assertEquals(Path.of(System.getProperty("user.dir")).toRealPath().toString(), seen.get("cwd"));
    }

    @Test
    void gpuAssignmentNeedsNoGpuToBuild() {
        // The env test above relies on this: DJL's Device.gpu only names a device.
        DeviceAssignment gpus = DeviceAssignment.gpus(List.of(0, 2));
        assertTrue(gpus.usesGpu());
        assertEquals(List.of(0, 2), gpus.devices().stream().map(Device::getDeviceId).toList());
    }

    @Test
    void cpuJobSeesAnEmptyDeviceListSoNoGpu() throws Exception {
        for (DeviceAssignment devices : List.of(DeviceAssignment.cpu(), DeviceAssignment.simulated(2, "2 A40"))) {
            Files.deleteIfExists(folder.resolve("seen.txt"));
            runToEnd(context(devices, Map.of("command", argv("sh", "-c",
                    "printf 'cuda=[%s]\\n' \"${CUDA_VISIBLE_DEVICES-unset}\" > \"$RIGSHIFT_JOB_FOLDER/seen.txt\""))));
            assertEquals("[]", seen(folder.resolve("seen.txt")).get("cuda"), devices.description());
        }
    }

    @Test
    void zeroExitEndsDoneWithOutputAndHeaderInTheLog() throws Exception {
        TestJobContext context = context(DeviceAssignment.cpu(),
                Map.of("command", argv("sh", "-c", "echo to stdout; echo to stderr >&2")));

        assertEquals(JobPhase.Progress.DONE, runToEnd(context));
        runToEnd(context); // a restart appends to the same log

        assertEquals(Optional.of(0L), context.state.getLong(CommandPhase.STATE_EXIT_CODE));
        List<String> log = Files.readAllLines(CommandJobType.logFile(folder));
        assertEquals(6, log.size(), log.toString());
        assertTrue(log.get(0).startsWith("=== rigshift: execution 42 started 2026-01-02T03:04:05Z : sh -c "), log.get(0));
        assertTrue(log.get(0).endsWith(" ==="), log.get(0));
        assertEquals(List.of("to stdout", "to stderr"), log.subList(1, 3));
        assertTrue(log.get(3).startsWith("=== rigshift: execution 42 started"), log.get(3));
        assertEquals(List.of(), context.warnings);
    }

    @Test
    void nonZeroExitFailsTheJobWithTheCode() throws Exception {
        TestJobContext context = context(DeviceAssignment.cpu(), Map.of("command", argv("sh", "-c", "exit 3")));

        CommandFailedException failure = assertThrows(CommandFailedException.class, () -> runToEnd(context));

        assertEquals("command exited with code 3", failure.getMessage());
        assertEquals(Optional.of(3L), context.state.getLong(CommandPhase.STATE_EXIT_CODE));
    }

    @Test
    void deathBySignalIsNamed() throws Exception {
        TestJobContext context = context(DeviceAssignment.cpu(), Map.of("command", argv("sh", "-c", "kill -9 $$")));

        CommandFailedException failure = assertThrows(CommandFailedException.class, () -> runToEnd(context));

        assertEquals("command killed by signal 9 (exit code 137)", failure.getMessage());
    }

    @Test
    void stoppingLetsAProgramThatHandlesTermExitWithinTheGrace() throws Exception {
        TestJobContext context = context(DeviceAssignment.cpu(), Map.of("stop-grace", "20", "command", argv("sh", "-c",
                "trap 'echo checkpointed; exit 0' TERM; touch \"$RIGSHIFT_JOB_FOLDER/ready\";"
                        + " while :; do sleep 0.1; done")));
        CommandPhase phase = startUntil(context, folder.resolve("ready"));

        long started = System.nanoTime();
        phase.stopping(context);
        Duration took = Duration.ofNanos(System.nanoTime() - started);
        phase.close(context);

        assertTrue(took.compareTo(Duration.ofSeconds(10)) < 0, "stopping took " + took);
        assertFalse(alive(context.state.getLong(CommandPhase.STATE_PID).orElseThrow()));
        assertTrue(Files.readString(CommandJobType.logFile(folder)).contains("checkpointed\n"));
        assertEquals(List.of(), context.warnings);
    }

    @Test
    void stoppingKillsAProgramThatIgnoresTermAfterTheGrace() throws Exception {
        TestJobContext context = context(DeviceAssignment.cpu(), Map.of("stop-grace", "1", "command", argv("sh", "-c",
                "trap '' TERM; touch \"$RIGSHIFT_JOB_FOLDER/ready\"; sleep 60")));
        CommandPhase phase = startUntil(context, folder.resolve("ready"));

        long started = System.nanoTime();
        phase.stopping(context);
        Duration took = Duration.ofNanos(System.nanoTime() - started);
        phase.close(context);

        assertTrue(took.compareTo(Duration.ofMillis(900)) >= 0, "stopping took " + took);
        assertTrue(took.compareTo(Duration.ofSeconds(8)) < 0, "stopping took " + took);
        assertFalse(alive(context.state.getLong(CommandPhase.STATE_PID).orElseThrow()));
        assertEquals(1, context.warnings.size(), context.warnings.toString());
        assertTrue(context.warnings.get(0).contains("did not exit within 1 s of SIGTERM"), context.warnings.get(0));
    }

    @Test
    void stoppingReachesTheProgramsOwnChildren() throws Exception {
        Path grandchild = folder.resolve("grandchild.pid");
        TestJobContext context = context(DeviceAssignment.cpu(), Map.of("stop-grace", "5", "command", argv("sh", "-c",
                "sh -c 'sleep 300 & echo $! > \"$RIGSHIFT_JOB_FOLDER/grandchild.tmp\";"
                        + " mv \"$RIGSHIFT_JOB_FOLDER/grandchild.tmp\" \"$RIGSHIFT_JOB_FOLDER/grandchild.pid\"; wait'")));
        CommandPhase phase = startUntil(context, grandchild);
        long pid = Long.parseLong(Files.readString(grandchild).strip());
        assertTrue(alive(pid));

        phase.stopping(context);
        phase.close(context);

        assertFalse(alive(pid), "grandchild " + pid + " outlived the stop");
    }

    @Test
    void closeStopsAProgramTheJobNoLongerWaitsFor() throws Exception {
        TestJobContext context = context(DeviceAssignment.cpu(), Map.of("command", argv("sh", "-c",
                "touch \"$RIGSHIFT_JOB_FOLDER/ready\"; sleep 60")));
        CommandPhase phase = startUntil(context, folder.resolve("ready"));

        phase.close(context);

        assertFalse(alive(context.state.getLong(CommandPhase.STATE_PID).orElseThrow()));
        assertTrue(context.warnings.get(0).contains("still running when the job ended"), context.warnings.toString());
    }

    @Test
    void endOfTheJobKillsWhatAFinishedProgramLeftRunning() throws Exception {
        Path background = folder.resolve("background.pid");
        TestJobContext context = context(DeviceAssignment.cpu(), Map.of("command", argv("sh", "-c",
                "sleep 300 & echo $! > \"$RIGSHIFT_JOB_FOLDER/background.pid\"")));

        assertEquals(JobPhase.Progress.DONE, runToEnd(context));

        long pid = Long.parseLong(Files.readString(background).strip());
        assertFalse(alive(pid), "background child " + pid + " outlived the job");
        assertTrue(context.warnings.get(0).contains("left processes running"), context.warnings.toString());
    }

    @Test
    void resumeStopsTheGroupAnEarlierRunnerLeftBehind() throws Exception {
        ProcessGroup leftover = ProcessGroup.start(new ProcessBuilder("sleep", "60"));
        TestJobContext context = context(DeviceAssignment.cpu(), Map.of("command", argv("true")));
        context.state.putLong(CommandPhase.STATE_PID, leftover.pid());
        context.state.putLong(CommandPhase.STATE_STARTED, leftover.startedEpochMillis());

        assertEquals(JobPhase.Progress.DONE, runToEnd(context));

        assertFalse(leftover.isAlive());
        assertTrue(context.warnings.get(0).contains("process group " + leftover.pid() + ") are still running"),
                context.warnings.toString());
    }

    @Test
    void resumeStopsWhatALeaderThatDiedWithTheRunnerLeftBehind() throws Exception {
        // The parent-death signal kills only the leader: here it exits and its child stays in the group.
        Path orphan = folder.resolve("orphan.pid");
        ProcessBuilder earlier = new ProcessBuilder("sh", "-c", "sleep 300 & echo $! > " + orphan + ".tmp; mv "
                + orphan + ".tmp " + orphan);
        earlier.environment().put("RIGSHIFT_JOB_FOLDER", folder.toString());
        ProcessGroup leader = ProcessGroup.start(earlier);
        assertTrue(leader.awaitExit(Duration.ofSeconds(10)));
        long pid = Long.parseLong(Files.readString(orphan).strip());
        assertTrue(alive(pid));
        TestJobContext context = context(DeviceAssignment.cpu(), Map.of("command", argv("true")));
        context.state.putLong(CommandPhase.STATE_PID, leader.pid());
        context.state.putLong(CommandPhase.STATE_STARTED, 1L);

        assertEquals(JobPhase.Progress.DONE, runToEnd(context));

        assertFalse(alive(pid), "orphan " + pid + " outlived the resume");
        assertTrue(context.warnings.get(0).contains("process group " + leader.pid()), context.warnings.toString());
    }

    @Test
    void resumeLeavesAGroupWithoutTheJobsMarkAlone() throws Exception {
        Path orphan = folder.resolve("stranger.pid");
        ProcessBuilder stranger = new ProcessBuilder("sh", "-c", "sleep 300 & echo $! > " + orphan + ".tmp; mv "
                + orphan + ".tmp " + orphan);
        stranger.environment().put("RIGSHIFT_JOB_FOLDER", folder.resolve("another-job").toString());
        ProcessGroup leader = ProcessGroup.start(stranger);
        assertTrue(leader.awaitExit(Duration.ofSeconds(10)));
        long pid = Long.parseLong(Files.readString(orphan).strip());
        try {
            TestJobContext context = context(DeviceAssignment.cpu(), Map.of("command", argv("true")));
            context.state.putLong(CommandPhase.STATE_PID, leader.pid());
            context.state.putLong(CommandPhase.STATE_STARTED, 1L);

            runToEnd(context);

            assertTrue(alive(pid));
            assertEquals(List.of(), context.warnings);
        } finally {
            ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
        }
    }

    @Test
    void resumeLeavesAProcessThatOnlySharesThePidAlone() throws Exception {
        ProcessGroup bystander = ProcessGroup.start(new ProcessBuilder("sleep", "60"));
        try {
            TestJobContext context = context(DeviceAssignment.cpu(), Map.of("command", argv("true")));
            context.state.putLong(CommandPhase.STATE_PID, bystander.pid());
            context.state.putLong(CommandPhase.STATE_STARTED, bystander.startedEpochMillis() - 10_000);

            runToEnd(context);

            assertTrue(bystander.isAlive());
            assertEquals(List.of(), context.warnings);
        } finally {
            bystander.stop(Duration.ZERO);
        }
    }

    @Test
    void validateRefusesACommandThatIsNotANonEmptyJsonArrayOfStrings() {
        for (String bad : List.of("python3 train.py", "[]", "{\"a\":1}", "[\"python3\", 3]", "[\"\"]",
                "[\"sh\"] trailing")) {
            InvalidJobParameterException refused = assertThrows(InvalidJobParameterException.class,
                    () -> arguments(Map.of("command", bad)), bad);
            assertTrue(refused.getMessage().contains("parameter command"), refused.getMessage());
        }
    }

    @Test
    void validateRefusesBadOrReservedEnvironmentNames() {
        for (String bad : List.of("{\"1ABC\":\"x\"}", "{\"A-B\":\"x\"}", "{\"RIGSHIFT_JOB_ID\":\"7\"}",
                "{\"CUDA_VISIBLE_DEVICES\":\"0\"}", "{\"A\":3}", "[\"A\"]", "not json")) {
            InvalidJobParameterException refused = assertThrows(InvalidJobParameterException.class,
                    () -> arguments(Map.of("command", argv("true"), "env", bad)), bad);
            assertTrue(refused.getMessage().contains("parameter env"), refused.getMessage());
        }
    }

    @Test
    void stopGraceDefaultsToAMinuteWithinADay() {
        assertEquals(60, arguments(Map.of("command", argv("true"))).getLong("stop-grace"));
        assertThrows(InvalidJobParameterException.class,
                () -> arguments(Map.of("command", argv("true"), "stop-grace", "86401")));
    }

    /** Drives the phase like the runner: run until DONE, then close, whatever happened. */
    private JobPhase.Progress runToEnd(TestJobContext context) throws Exception {
        CommandPhase phase = (CommandPhase) type.phases().get(0);
        try {
            for (int call = 0; call < 30; call++) {
                if (phase.run(context) == JobPhase.Progress.DONE) {
                    return JobPhase.Progress.DONE;
                }
            }
            throw new AssertionError("command still running after 30 calls");
        } finally {
            phase.close(context);
        }
    }

    /** Starts the phase and calls it until the program has made {@code ready}. */
    private CommandPhase startUntil(TestJobContext context, Path ready) throws Exception {
        CommandPhase phase = (CommandPhase) type.phases().get(0);
        for (int call = 0; call < 10 && !Files.exists(ready); call++) {
            assertEquals(JobPhase.Progress.MORE, phase.run(context));
        }
        assertTrue(Files.exists(ready), "program never made " + ready);
        context.stop = true;
        return phase;
    }

    private JobArguments arguments(Map<String, String> given) {
        JobArguments arguments = JobArguments.resolve(type.name(), type.parameters(), given);
        type.validate(arguments);
        return arguments;
    }

    private TestJobContext context(DeviceAssignment devices, Map<String, String> given) {
        return new TestJobContext(folder, devices, arguments(given));
    }

    private static String argv(String... words) {
        try {
            return JSON.writeValueAsString(List.of(words));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Map<String, String> seen(Path file) throws IOException {
        Map<String, String> seen = new LinkedHashMap<>();
        for (String line : Files.readAllLines(file)) {
            int equals = line.indexOf('=');
            seen.put(line.substring(0, equals), line.substring(equals + 1));
        }
        return seen;
    }

    /** Alive and not a zombie: a reparented child may wait a while for a reaper. */
    private static boolean alive(long pid) throws IOException {
        Path stat = Path.of("/proc", Long.toString(pid), "stat");
        try {
            String text = Files.readString(stat);
            return text.charAt(text.lastIndexOf(')') + 2) != 'Z';
        } catch (java.nio.file.NoSuchFileException e) {
            return false;
        }
    }
}
