package io.rigshift.jobs.checkpoint;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CheckpointStoreTests {

    private static final Clock CLOCK = Clock.fixed(Instant.ofEpochMilli(1_700_000_123_456L), ZoneOffset.UTC);
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path folder;

    private CheckpointStore store(int keep) {
        return new CheckpointStore(folder.resolve("checkpoints"), keep, CLOCK, "djl-test", "engine-test");
    }

    private static TrainingSnapshot snapshot(long step, String... namesAndContents) {
        Map<String, byte[]> files = new LinkedHashMap<>();
        for (int i = 0; i < namesAndContents.length; i += 2) {
            files.put(namesAndContents[i], namesAndContents[i + 1].getBytes(StandardCharsets.UTF_8));
        }
        return new TrainingSnapshot(step, (int) (step / 10), files);
    }

    private static String sha256(byte[] bytes) throws NoSuchAlgorithmException {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }

    private static List<String> names(Path directory) throws IOException {
        try (Stream<Path> entries = Files.list(directory)) {
            return entries.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    private static List<String> names(List<StoredCheckpoint> checkpoints) {
        return checkpoints.stream().map(StoredCheckpoint::name).toList();
    }

    private static void rewriteManifest(Path checkpoint, String field, Object value) throws IOException {
        Path manifest = checkpoint.resolve(CheckpointStore.MANIFEST);
        ObjectNode tree = (ObjectNode) JSON.readTree(manifest.toFile());
        tree.putPOJO(field, value);
        Files.write(manifest, JSON.writeValueAsBytes(tree));
    }

    @Test
    void keepBelowOneIsRefusedNamingTheValue() {
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class, () -> store(0));
        assertEquals("--keep must be at least 1, was 0", refused.getMessage());
        assertEquals(folder.resolve("checkpoints"), store(1).root());
    }

    @Test
    void writtenCheckpointHoldsTheFilesAndAManifestOfTheirSizesAndChecksums() throws Exception {
        Path written = store(3).write(snapshot(42, "parameters.bin", "weights!", "state.json", "{}"));

        assertEquals(folder.resolve("checkpoints").resolve("step-000000000042"), written);
        assertEquals(List.of("manifest.json", "parameters.bin", "state.json"), names(written));
        assertEquals("weights!", Files.readString(written.resolve("parameters.bin")));
        CheckpointManifest manifest = JSON.readValue(written.resolve("manifest.json").toFile(), CheckpointManifest.class);
        assertEquals(CheckpointManifest.FORMAT_VERSION, manifest.formatVersion());
        assertEquals(42, manifest.step());
        assertEquals(4, manifest.epoch());
        assertEquals(CLOCK.millis(), manifest.createdAtMillis());
        assertEquals("djl-test", manifest.djlVersion());
        assertEquals("engine-test", manifest.engineVersion());
        assertEquals(new CheckpointManifest.FileEntry(8, sha256("weights!".getBytes(StandardCharsets.UTF_8))),
                manifest.files().get("parameters.bin"));
        assertEquals(new CheckpointManifest.FileEntry(2, sha256("{}".getBytes(StandardCharsets.UTF_8))),
                manifest.files().get("state.json"));
        assertEquals(10, manifest.totalBytes());
    }

    @Test
    void writtenCheckpointVerifiesAndNamesItsFiles() {
        CheckpointStore store = store(3);
        Path written = store.write(snapshot(7, "a.bin", "alpha"));

        StoredCheckpoint checkpoint = store.verify(written);
        assertTrue(checkpoint.valid());
        assertEquals("verified", checkpoint.verdict());
        assertEquals("step-000000000007", checkpoint.name());
        assertEquals(written.resolve("a.bin"), checkpoint.file("a.bin"));
        assertEquals(7, checkpoint.manifest().step());
    }

    @Test
    void writeLeavesNoTemporaryFolderAndRewritingAStepReplacesItWhole() throws IOException {
        CheckpointStore store = store(3);
        store.write(snapshot(5, "old.bin", "old", "kept.bin", "first"));
        Path again = store.write(snapshot(5, "kept.bin", "second"));

        assertEquals(List.of("step-000000000005"), names(store.root()));
        assertEquals(List.of("kept.bin", "manifest.json"), names(again));
        assertEquals("second", Files.readString(again.resolve("kept.bin")));
        assertTrue(store.verify(again).valid());
    }

    @Test
    void leftoverOfAnInterruptedWriteOfTheSameStepDoesNotBlockTheNextWrite() throws IOException {
        CheckpointStore store = store(3);
        Path leftover = store.root().resolve(".tmp-step-000000000009-" + ProcessHandle.current().pid());
        Files.createDirectories(leftover);
        Files.writeString(leftover.resolve("a.bin"), "torn");

        Path written = store.write(snapshot(9, "a.bin", "whole"));

        assertEquals("whole", Files.readString(written.resolve("a.bin")));
        assertEquals(List.of("step-000000000009"), names(store.list()));
        store.removeTemporaryFolders();
        assertEquals(List.of("step-000000000009"), names(store.root()), "clean-up removes this process's leftover");
    }

    @Test
    void removeTemporaryFoldersDeletesOnlyLeftoversOfInterruptedWrites() throws IOException {
        CheckpointStore store = store(3);
        store.removeTemporaryFolders();
        assertFalse(Files.exists(store.root()), "nothing to clean is no error and creates nothing");

        store.write(snapshot(1, "a.bin", "a"));
        Path leftover = store.root().resolve(".tmp-step-000000000002-12345");
        Files.createDirectories(leftover.resolve("nested"));
        Files.writeString(leftover.resolve("nested").resolve("a.bin"), "half");
        Files.createDirectories(store.root().resolve("other"));

        store.removeTemporaryFolders();

        assertEquals(List.of("other", "step-000000000001"), names(store.root()));
    }

    @Test
    void cleanUpLeavesLiveWritersTemporaryFoldersAndRemovesDeadOnes() throws IOException {
        CheckpointStore store = store(3);
        store.write(snapshot(1, "a.bin", "a"));
        String boot = Files.readString(Path.of("/proc/sys/kernel/random/boot_id")).strip().replace("-", "")
                .substring(0, 8);
        // pid 1 lives on every host: another live writer of this host.
        Path live = Files.createDirectories(store.root().resolve(".tmp-step-000000000002-" + boot + "-1-abcdef12"));
        Path dead = Files.createDirectories(store.root().resolve(".tmp-step-000000000002-" + boot + "-"
                + Integer.MAX_VALUE + "-abcdef12"));
        Path mine = Files.createDirectories(store.root().resolve(".tmp-step-000000000003-" + boot + "-"
                + ProcessHandle.current().pid() + "-abcdef12"));
        Path foreignFresh = Files.createDirectories(store.root().resolve(".tmp-step-000000000002-0a0b0c0d-77-abcdef12"));
        Path foreignOld = Files.createDirectories(store.root().resolve(".tmp-step-000000000002-0a0b0c0d-78-abcdef12"));
        Files.setLastModifiedTime(foreignOld, java.nio.file.attribute.FileTime.fromMillis(
                System.currentTimeMillis() - CheckpointStore.FOREIGN_LEFTOVER_AGE.toMillis() - 60_000));

        store.removeTemporaryFolders();

        assertTrue(Files.exists(live), "another live writer's folder stays");
        assertTrue(Files.exists(foreignFresh), "another host's recent folder stays");
        assertFalse(Files.exists(dead), "a dead writer's leftover goes");
        assertFalse(Files.exists(mine), "this process's own leftover goes");
        assertFalse(Files.exists(foreignOld), "another host's folder untouched for an hour goes");
    }

    @Test
    void aCommitGuardThatRefusesLeavesNoNewCheckpoint() throws IOException {
        CheckpointStore store = store(3);
        store.write(snapshot(1, "a.bin", "a"));
        store.guardCommits(() -> {
            throw new IllegalStateException("fenced");
        });
        IllegalStateException refused = org.junit.jupiter.api.Assertions.assertThrows(IllegalStateException.class,
                () -> store.write(snapshot(2, "a.bin", "b")));
        assertEquals("fenced", refused.getMessage());
        assertEquals(List.of("step-000000000001"), names(store.list()));
    }

    @Test
    void listIsNewestFirstAndSkipsFoldersThatAreNotCheckpoints() throws IOException {
        CheckpointStore store = store(5);
        assertEquals(List.of(), store.list(), "a store whose folder does not exist yet is empty");
        for (long step : new long[] {20, 3, 100, 7}) {
            store.write(snapshot(step, "a.bin", "step " + step));
        }
        Files.createDirectories(store.root().resolve(".tmp-step-000000000200-1"));
        Files.createDirectories(store.root().resolve("notes"));

        assertEquals(List.of("step-000000000100", "step-000000000020", "step-000000000007", "step-000000000003"),
                names(store.list()));
    }

    @Test
    void writeKeepsOnlyTheNewestCheckpoints() throws IOException {
        CheckpointStore store = store(2);
        store.write(snapshot(1, "a.bin", "1"));
        store.write(snapshot(2, "a.bin", "2"));
        assertEquals(List.of("step-000000000002", "step-000000000001"), names(store.list()));

        store.write(snapshot(3, "a.bin", "3"));
        store.write(snapshot(4, "a.bin", "4"));

        assertEquals(List.of("step-000000000004", "step-000000000003"), names(store.list()));
        assertEquals(List.of("step-000000000003", "step-000000000004"), names(store.root()));
    }

    @Test
    void keepOfOneLeavesOnlyTheLatest() throws IOException {
        CheckpointStore store = store(1);
        store.write(snapshot(1, "a.bin", "1"));
        store.write(snapshot(2, "a.bin", "2"));

        assertEquals(List.of("step-000000000002"), names(store.root()));
    }

    @Test
    void newestValidSkipsCorruptCheckpointsAndReportsEachByName() throws IOException {
        CheckpointStore store = store(5);
        store.write(snapshot(1, "a.bin", "one"));
        Path second = store.write(snapshot(2, "a.bin", "two"));
        Path third = store.write(snapshot(3, "a.bin", "three"));
        Files.writeString(third.resolve("a.bin"), "THREE");
        Files.delete(second.resolve(CheckpointStore.MANIFEST));

        List<String> reported = new ArrayList<>();
        StoredCheckpoint newest = store.newestValid(bad -> reported.add(bad.name() + ": " + bad.verdict()))
                .orElseThrow();

        assertEquals("step-000000000001", newest.name());
        assertEquals(List.of("step-000000000003: a.bin fails its SHA-256 check", "step-000000000002: no manifest"),
                reported);
    }

    @Test
    void newestValidIsEmptyWhenEveryCheckpointIsCorrupt() throws IOException {
        CheckpointStore store = store(5);
        Path only = store.write(snapshot(1, "a.bin", "one"));
        Files.delete(only.resolve("a.bin"));

        List<String> reported = new ArrayList<>();
        assertTrue(store.newestValid(bad -> reported.add(bad.name())).isEmpty());
        assertEquals(List.of("step-000000000001"), reported);
    }

    @Test
    void contentChangedAtTheSameSizeFailsTheChecksum() throws IOException {
        CheckpointStore store = store(3);
        Path written = store.write(snapshot(1, "a.bin", "abc", "b.bin", "xyz"));
        Files.writeString(written.resolve("b.bin"), "xyZ");

        StoredCheckpoint checkpoint = store.verify(written);

        assertFalse(checkpoint.valid());
        assertEquals("b.bin fails its SHA-256 check", checkpoint.verdict());
        assertEquals(1, checkpoint.manifest().step(), "a rejected checkpoint still shows its manifest");
    }

    @Test
    void truncatedFileIsRejectedWithBothSizes() throws IOException {
        CheckpointStore store = store(3);
        Path written = store.write(snapshot(1, "a.bin", "abcd"));
        Files.writeString(written.resolve("a.bin"), "abc");

        assertEquals("a.bin has 3 bytes, the manifest says 4", store.verify(written).verdict());
    }

    @Test
    void missingFileIsRejected() throws IOException {
        CheckpointStore store = store(3);
        Path written = store.write(snapshot(1, "a.bin", "abcd"));
        Files.delete(written.resolve("a.bin"));

        StoredCheckpoint checkpoint = store.verify(written);
        assertFalse(checkpoint.valid());
        assertEquals("a.bin is missing or unreadable", checkpoint.verdict());
    }

    @Test
    void folderWithoutManifestIsRejected() throws IOException {
        CheckpointStore store = store(3);
        Path partial = store.root().resolve("step-000000000001");
        Files.createDirectories(partial);
        Files.writeString(partial.resolve("a.bin"), "half");

        StoredCheckpoint checkpoint = store.verify(partial);
        assertFalse(checkpoint.valid());
        assertEquals("no manifest", checkpoint.verdict());
        assertNull(checkpoint.manifest());
    }

    @Test
    void unreadableManifestIsRejected() throws IOException {
        CheckpointStore store = store(3);
        Path written = store.write(snapshot(1, "a.bin", "abcd"));
        Files.writeString(written.resolve(CheckpointStore.MANIFEST), "{\"formatVersion\": 1, \"files\": ");

        StoredCheckpoint checkpoint = store.verify(written);
        assertFalse(checkpoint.valid());
        assertTrue(checkpoint.verdict().startsWith("unreadable manifest: "), checkpoint.verdict());
        assertNull(checkpoint.manifest());
    }

    @Test
    void manifestOfAnotherFormatVersionIsRejectedNamingBothVersions() throws IOException {
        CheckpointStore store = store(3);
        Path written = store.write(snapshot(1, "a.bin", "abcd"));
        rewriteManifest(written, "formatVersion", CheckpointManifest.FORMAT_VERSION + 1);

        StoredCheckpoint checkpoint = store.verify(written);
        assertFalse(checkpoint.valid());
        assertEquals("format version 2, this Rigshift reads 1", checkpoint.verdict());
    }

    @Test
    void storeThatCannotCreateItsFolderFailsNamingTheStep() throws IOException {
        Path blocked = folder.resolve("blocked");
        Files.writeString(blocked, "a file where the folder should be");
        CheckpointStore store = new CheckpointStore(blocked, 3, CLOCK, "djl-test", "engine-test");

        CheckpointException failed = assertThrows(CheckpointException.class,
                () -> store.write(snapshot(12, "a.bin", "a")));
        assertEquals("cannot write checkpoint of step 12 in " + blocked + ": a file is in the way", failed.getMessage());
    }

    @Test
    void aWriteThatFailsHalfwayLeavesTheOlderCheckpointsAndNoTemporaryFolder() throws IOException {
        CheckpointStore store = store(3);
        Path first = store.write(snapshot(1, "a.bin", "abcd"));
        // The second file of the snapshot cannot be written (as on a full disk, after the first one).
        Map<String, byte[]> files = new LinkedHashMap<>();
        files.put("a.bin", "efgh".getBytes(StandardCharsets.UTF_8));
        files.put("no-such-folder/b.bin", "ijkl".getBytes(StandardCharsets.UTF_8));
        CheckpointException failed = assertThrows(CheckpointException.class,
                () -> store.write(new TrainingSnapshot(2, 0, files)));
        assertTrue(failed.getMessage().startsWith("cannot write checkpoint of step 2 in " + folder.resolve("checkpoints") + ": "),
                failed.getMessage());
        try (Stream<Path> left = Files.list(folder.resolve("checkpoints"))) {
            assertEquals(List.of(first), left.toList(), "only the older checkpoint is left");
        }
        assertTrue(store.verify(first).valid());
        assertEquals(first, store.newestValid(c -> { }).orElseThrow().folder());
    }

    @Test
    void manifestAndSnapshotCopyTheirFiles() {
        Map<String, CheckpointManifest.FileEntry> entries = new LinkedHashMap<>();
        entries.put("b", new CheckpointManifest.FileEntry(3, "x"));
        entries.put("a", new CheckpointManifest.FileEntry(4, "y"));
        CheckpointManifest manifest = new CheckpointManifest(1, 1, 0, 0, "d", "e", entries);
        entries.clear();
        assertEquals(List.of("a", "b"), List.copyOf(manifest.files().keySet()), "files are sorted by name");
        assertEquals(7, manifest.totalBytes());

        Map<String, byte[]> files = new LinkedHashMap<>();
        files.put("a", new byte[] {1});
        TrainingSnapshot snapshot = new TrainingSnapshot(1, 0, files);
        files.clear();
        assertArrayEquals(new byte[] {1}, snapshot.files().get("a"));
    }

    @Test
    void atomicWriteReplacesTheFileAndLeavesNoTemporaryFile() throws IOException {
        Path target = folder.resolve("model").resolve("config.json");

        DurableFiles.writeAtomically(target, "first".getBytes(StandardCharsets.UTF_8));
        DurableFiles.writeAtomically(target, "second, longer".getBytes(StandardCharsets.UTF_8));
        DurableFiles.writeAtomically(target, "third".getBytes(StandardCharsets.UTF_8));

        assertEquals("third", Files.readString(target));
        assertEquals(List.of("config.json"), names(target.getParent()));
    }
}
