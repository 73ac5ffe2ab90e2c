package io.rigshift.runner.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The exact-resume promise through the real CLI in child JVMs: a job that is SIGKILLed, stopped
 * or SIGTERMed and then resumed ends with the same parameters, byte for byte, as one uninterrupted
 * run of the same arguments (seed 7, CPU). Kills and stops land at a known batch: the runner's
 * fault point ({@code -Drigshift.fault.pause-after-step}) holds the run after that batch, and each
 * test asserts the newest checkpoint at the kill and the step the resume starts from. Only the
 * kill during a checkpoint write is found by watching the checkpoints folder (a write lasts
 * milliseconds); it asserts that at least one attempt landed there.
 */
class ExactResumeTests {

    /**
     * 30 steps per epoch, 480 steps (3-4 s); checkpoints at 20, 30, 50, 60, 80, 90, ...
     * so there is room between checkpoints, and --keep 2 leaves a previous one to fall back to.
     */
    private static final List<String> TRAIN = List.of("train", "--smoke", "--tenant", "demo", "--seed", "7",
            "--samples", "480", "--epochs", "16", "--checkpoint-every", "20", "--keep", "2", "--device", "cpu");
    private static final long CHILD_SECONDS = 120;
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path scratch;

    private static byte[] reference;
    private static final List<String> trials = new ArrayList<>();

    @BeforeAll
    static void trainUninterruptedReference() throws Exception {
        Path home = scratch.resolve("reference");
        ChildRigshift run = ChildRigshift.start(home.resolve("logs"), "train", args(home));
        assertEquals(0, run.waitFor(CHILD_SECONDS), run.out() + run.err());
        reference = Files.readAllBytes(home.resolve("jobs/1/model/parameters.bin"));
    }

    @AfterAll
    static void printTrials() {
        long exact = trials.stream().filter(t -> t.contains("bit-exact")).count();
        System.out.println("exact-resume trials: " + trials.size() + ", bit-exact " + exact);
        trials.forEach(t -> System.out.println("  " + t));
    }

    @Test
    void killedMidEpochBetweenCheckpointsResumesBitExact() throws Exception {
        // Epoch 1 ends at step 30 (checkpointed) and the next checkpoint is step 50: kill after step 37.
        Path home = scratch.resolve("mid-epoch");
        PausedRun paused = PausedRun.start(home, 37);
        // Step 30's checkpoint is written in the background: on a slow disk it can still be under way
        // when batch 37 is done. Wait for it, so that the kill lands between checkpoints.
        paused.run().awaitUntil(() -> newestStep(home) >= 30 && temporaryFolders(home).isEmpty(), CHILD_SECONDS);
        assertEquals(30, newestStep(home), "the kill lands after step 37 with step 30 the newest checkpoint");
        assertTrue(temporaryFolders(home).isEmpty(), "no checkpoint being written at the kill: " + temporaryFolders(home));
        paused.kill();
        String out = resumeAndCompare("SIGKILL after step 37 (newest checkpoint 30)", home, "STARTED");
        assertTrue(out.contains("resuming at step 30"), out);
    }

    @Test
    void killedRightAfterACheckpointResumesBitExact() throws Exception {
        // Step 50's checkpoint is taken after batch 50 and written in the background: pause after
        // batch 51, wait until step 50 is on disk, kill. Nothing but batch 51 is redone.
        Path home = scratch.resolve("after-checkpoint");
        PausedRun paused = PausedRun.start(home, 51);
        paused.run().awaitUntil(() -> newestStep(home) == 50, CHILD_SECONDS);
        paused.kill();
        String out = resumeAndCompare("SIGKILL after step 51 (newest checkpoint 50)", home, "STARTED");
        assertTrue(out.contains("resuming at step 50"), out);
    }

    @Test
    void killedWhileACheckpointIsBeingWrittenResumesBitExact() throws Exception {
        int hits = 0;
        for (int attempt = 1; attempt <= 4 && hits < 2; attempt++) {
            Path home = scratch.resolve("writing-" + attempt);
            String outcome = killAndResume("SIGKILL while writing (attempt " + attempt + ")",
                    h -> newestStep(h) >= 20 && !temporaryFolders(h).isEmpty(), home);
            if (outcome.contains("left .tmp")) {
                hits++;
            }
        }
        assertTrue(hits >= 1, "no kill landed while a checkpoint was being written: " + trials);
    }

    @Test
    void stopFromAnotherProcessThenResumeIsBitExact() throws Exception {
        // The stop is asked while the run is held after batch 25, so it cannot miss the training.
        Path home = scratch.resolve("stop");
        PausedRun paused = PausedRun.start(home, 25);
        ChildRigshift stop = ChildRigshift.start(home.resolve("logs"), "stop", "stop", "1", "--home", home.toString());
        assertEquals(0, stop.waitFor(CHILD_SECONDS), stop.out() + stop.err());
        paused.release();
        ChildRigshift train = paused.run();
        assertEquals(0, train.waitFor(CHILD_SECONDS), train.out() + train.err());
        assertTrue(train.out().contains("stopped after a checkpoint"), train.out());
        // The run sees the stop at the end of the chunk that holds step 25 (the epoch ends at 30).
        long stoppedAt = newestStep(home);
        assertTrue(stoppedAt >= 25 && stoppedAt <= 30, "stopped at step " + stoppedAt + ": " + checkpointFolders(home));
        String out = resumeAndCompare("stop after step 25", home, "STOPPED");
        assertTrue(out.contains("resuming at step " + stoppedAt), out);
    }

    @Test
    void sigtermThenResumeIsBitExact() throws Exception {
        Path home = scratch.resolve("sigterm");
        ChildRigshift train = ChildRigshift.start(home.resolve("logs"), "train", args(home));
        train.awaitUntil(() -> newestStep(home) >= 20, CHILD_SECONDS);
        train.process().destroy();
        train.waitFor(CHILD_SECONDS);
        resumeAndCompare("SIGTERM", home, "STOPPED");
    }

    @Test
    void corruptNewestCheckpointFallsBackToThePreviousOne() throws Exception {
        Path home = scratch.resolve("corrupt");
        ChildRigshift train = ChildRigshift.start(home.resolve("logs"), "train", args(home));
        train.awaitUntil(() -> checkpointFolders(home).size() >= 2, CHILD_SECONDS);
        train.process().destroyForcibly().waitFor(CHILD_SECONDS, TimeUnit.SECONDS);
        List<Path> kept = checkpointFolders(home);
        assertTrue(kept.size() >= 2, "two checkpoints before corrupting: " + kept);
        Path newest = kept.get(kept.size() - 1);
        Path parameters = newest.resolve("parameters.bin");
        byte[] bytes = Files.readAllBytes(parameters);
        for (int i = bytes.length / 2; i < bytes.length / 2 + 8; i++) {
            bytes[i] ^= (byte) 0xFF;
        }
        Files.write(parameters, bytes);

        String out = resumeAndCompare("corrupt newest " + newest.getFileName(), home, "STARTED");
        assertTrue(out.contains("checkpoint " + newest.getFileName() + " is unusable"), out);
        assertTrue(out.contains("resuming at step " + stepOf(kept.get(kept.size() - 2))), out);
    }

    @Test
    void retentionKeepsExactlyKeepCheckpoints() throws Exception {
        List<Path> kept = checkpointFolders(scratch.resolve("reference"));
        assertEquals(2, kept.size(), "--keep 2 left " + kept);
        assertEquals(480, stepOf(kept.get(1)), "the final step is checkpointed: " + kept);
    }

    @Test
    void resumeOfUnknownOrCompletedJobExitsTwoWithOneLine() {
        String referenceHome = scratch.resolve("reference").toString();
        CliRun unknown = CliRun.of("resume", "99", "--home", referenceHome);
        assertEquals(2, unknown.exitCode(), unknown.out() + unknown.err());
        assertEquals(1, unknown.err().strip().lines().count(), unknown.err());
        assertTrue(unknown.err().contains("99"), unknown.err());

        CliRun completed = CliRun.of("resume", "1", "--home", referenceHome);
        assertEquals(2, completed.exitCode(), completed.out() + completed.err());
        assertEquals(1, completed.err().strip().lines().count(), completed.err());
        assertTrue(completed.err().contains("COMPLETED"), completed.err());
    }

    /** Trains in a child, SIGKILLs it once {@code killWhen} holds, resumes, and compares with the reference. */
    private String killAndResume(String label, Predicate<Path> killWhen, Path home) throws Exception {
        ChildRigshift train = ChildRigshift.start(home.resolve("logs"), "train", args(home));
        train.awaitUntil(() -> killWhen.test(home), CHILD_SECONDS);
        sigkill(train, home);
        String landed = "newest checkpoint step " + newestStep(home)
                + (temporaryFolders(home).isEmpty() ? "" : ", left .tmp " + temporaryFolders(home));
        resumeAndCompare(label + " (" + landed + ")", home, "STARTED");
        return landed;
    }

    /** SIGKILLs the training child and checks that the store shows its job as stale (its owner gone). */
    private static void sigkill(ChildRigshift train, Path home) throws Exception {
        train.process().destroyForcibly().waitFor(CHILD_SECONDS, TimeUnit.SECONDS);
        JsonNode job = onlyJob(home);
        assertTrue(job.get("stale").asBoolean(), "killed job is stale: " + job);
    }

    /** Resumes job 1 in a child, waits for COMPLETED and compares its parameters with the reference. */
    private String resumeAndCompare(String label, Path home, String statusBefore) throws Exception {
        assertEquals(statusBefore, onlyJob(home).get("status").asText());
        ChildRigshift resume = ChildRigshift.start(home.resolve("logs"), "resume", "resume", "1",
                "--home", home.toString());
        assertEquals(0, resume.waitFor(CHILD_SECONDS), resume.out() + resume.err());
        assertEquals("COMPLETED", newestExecution(home).get("status").asText(), resume.out());
        byte[] resumed = Files.readAllBytes(home.resolve("jobs/1/model/parameters.bin"));
        boolean exact = java.util.Arrays.equals(reference, resumed);
        String from = resume.out().lines().filter(l -> l.contains("resuming at step")).findFirst()
                .orElseThrow(() -> new AssertionError(label + ": the train step did not resume from a checkpoint: "
                        + resume.out()));
        trials.add(label + ": " + from.strip() + " -> " + (exact ? "bit-exact" : "DIFFERENT"));
        assertArrayEquals(reference, resumed, label + ": resumed parameters differ from the uninterrupted run");
        return resume.out();
    }

    /** A restart is a new execution of the same job instance; the newest one tells how it ended. */
    private static JsonNode newestExecution(Path home) throws IOException {
        CliRun jobs = CliRun.of("jobs", "--format", "json", "--home", home.toString());
        assertEquals(0, jobs.exitCode(), jobs.err());
        JsonNode newest = null;
        for (JsonNode execution : JSON.readTree(jobs.out()).get("jobs")) {
            assertEquals(1, execution.get("job_instance").asLong(), jobs.out());
            if (newest == null || execution.get("id").asLong() > newest.get("id").asLong()) {
                newest = execution;
            }
        }
        return newest;
    }

    private static JsonNode onlyJob(Path home) throws IOException {
        CliRun jobs = CliRun.of("jobs", "--format", "json", "--home", home.toString());
        assertEquals(0, jobs.exitCode(), jobs.err());
        JsonNode listed = JSON.readTree(jobs.out()).get("jobs");
        assertEquals(1, listed.size(), jobs.out());
        return listed.get(0);
    }

    private static String[] args(Path home) {
        List<String> args = new ArrayList<>(TRAIN);
        args.addAll(List.of("--home", home.toString()));
        return args.toArray(String[]::new);
    }


    private static List<Path> checkpointFolders(Path home) {
        return list(home, "step-*");
    }

    private static List<Path> temporaryFolders(Path home) {
        return list(home, ".tmp-*");
    }

    private static long newestStep(Path home) {
        List<Path> folders = checkpointFolders(home);
        return folders.isEmpty() ? -1 : stepOf(folders.get(folders.size() - 1));
    }

    private static long stepOf(Path folder) {
        return Long.parseLong(folder.getFileName().toString().substring("step-".length()));
    }

    private static List<Path> list(Path home, String glob) {
        Path root = home.resolve("jobs/1/checkpoints");
        List<Path> found = new ArrayList<>();
        if (!Files.isDirectory(root)) {
            return found;
        }
        try (DirectoryStream<Path> stream = Files.newDirectoryStream(root, glob)) {
            stream.forEach(found::add);
        } catch (IOException e) {
            return found; // the folder changes while we look; the next poll sees it settled
        }
        found.sort(null);
        return found;
    }

    /**
     * A training run in a child JVM held after a given batch by the runner's fault point: where a
     * kill or a stop lands is then a step, not a moment.
     */
    private record PausedRun(ChildRigshift run, Path marker) {

        static PausedRun start(Path home, long afterStep) throws Exception {
            Files.createDirectories(home);
            Path marker = home.resolve("paused-after-step");
            ChildRigshift run = ChildRigshift.start(home.resolve("logs"), "train",
                    List.of("-Drigshift.fault.pause-after-step=" + afterStep + ":" + marker), args(home));
            run.awaitUntil(() -> Files.exists(marker), CHILD_SECONDS);
            assertEquals(Long.toString(afterStep), Files.readString(marker), "the run paused after its batch");
            return new PausedRun(run, marker);
        }

        void kill() throws Exception {
            sigkill(run, marker.getParent());
        }

        void release() throws IOException {
            Files.delete(marker);
        }
    }
}
