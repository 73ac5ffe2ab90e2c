package io.rigshift.jobs.checkpoint;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The checkpoints of one job: one folder per checkpoint ({@code step-000000001234}), complete or
 * absent. A checkpoint is written into a temporary folder, every file fsynced, the manifest
 * (sizes and SHA-256 of every file) written last, then the folder is renamed into place and the
 * parent folder fsynced. The newest {@code keep} are kept.
 */
public final class CheckpointStore {

    static final String MANIFEST = "manifest.json";
    private static final String PREFIX = "step-";
    private static final String TEMPORARY_PREFIX = ".tmp-";

    private final Path root;
    private final int keep;
    private final Clock clock;
    private final String djlVersion;
    private final String engineVersion;
    private final ObjectMapper json = new ObjectMapper();

    public CheckpointStore(Path root, int keep, Clock clock, String djlVersion, String engineVersion) {
        if (keep < 1) {
            throw new IllegalArgumentException("--keep must be at least 1, was " + keep);
        }
        this.root = root;
        this.keep = keep;
        this.clock = clock;
        this.djlVersion = djlVersion;
        this.engineVersion = engineVersion;
    }

    public Path root() {
        return root;
    }

    /** Writes a snapshot as a new checkpoint, prunes old ones, and returns its folder. */
    public Path write(TrainingSnapshot snapshot) {
        try {
            Files.createDirectories(root);
            String name = folderName(snapshot.step());
            Path temporary = root.resolve(TEMPORARY_PREFIX + name + "-" + ProcessHandle.current().pid());
            deleteRecursively(temporary);
            Files.createDirectory(temporary);
            Map<String, CheckpointManifest.FileEntry> entries = new LinkedHashMap<>();
            for (Map.Entry<String, byte[]> file : snapshot.files().entrySet()) {
                DurableFiles.writeNew(temporary.resolve(file.getKey()), file.getValue());
                entries.put(file.getKey(), new CheckpointManifest.FileEntry(file.getValue().length,
                        sha256(file.getValue())));
            }
            CheckpointManifest manifest = new CheckpointManifest(CheckpointManifest.FORMAT_VERSION,
                    snapshot.step(), snapshot.epoch(), clock.millis(), djlVersion, engineVersion, entries);
            DurableFiles.writeNew(temporary.resolve(MANIFEST), json.writerWithDefaultPrettyPrinter().writeValueAsBytes(manifest));
            DurableFiles.fsyncDirectory(temporary);
            Path target = root.resolve(name);
            deleteRecursively(target);
            try {
                Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                throw new CheckpointException("the file system of " + root + " cannot rename atomically", e);
            }
            DurableFiles.fsyncDirectory(root);
            prune();
            return target;
        } catch (IOException e) {
            throw new CheckpointException("cannot write checkpoint of step " + snapshot.step() + " in " + root, e);
        }
    }

    /** Every checkpoint folder, newest first, each verified against its manifest. */
    public List<StoredCheckpoint> list() {
        List<Path> folders = new ArrayList<>();
        if (Files.isDirectory(root)) {
            try (DirectoryStream<Path> stream = Files.newDirectoryStream(root, PREFIX + "*")) {
                stream.forEach(folders::add);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        folders.sort(Comparator.comparing((Path p) -> p.getFileName().toString()).reversed());
        return folders.stream().map(this::verify).toList();
    }

    /**
     * The newest checkpoint that verifies; each newer one that fails is passed to
     * {@code onCorrupt} (to be reported by name) and skipped.
     */
    public Optional<StoredCheckpoint> newestValid(Consumer<StoredCheckpoint> onCorrupt) {
        for (StoredCheckpoint checkpoint : list()) {
            if (checkpoint.valid()) {
                return Optional.of(checkpoint);
            }
            onCorrupt.accept(checkpoint);
        }
        return Optional.empty();
    }

    /** Reads and verifies one checkpoint folder. */
    public StoredCheckpoint verify(Path folder) {
        Path manifestFile = folder.resolve(MANIFEST);
        CheckpointManifest manifest;
        try {
            manifest = json.readValue(Files.readAllBytes(manifestFile), CheckpointManifest.class);
        } catch (NoSuchFileException e) {
            return StoredCheckpoint.invalid(folder, "no manifest");
        } catch (IOException e) {
            return StoredCheckpoint.invalid(folder, "unreadable manifest: " + e.getMessage().lines().findFirst().orElse(""));
        }
        if (manifest.formatVersion() != CheckpointManifest.FORMAT_VERSION) {
            return StoredCheckpoint.invalid(folder, manifest, "format version " + manifest.formatVersion()
                    + ", this Rigshift reads " + CheckpointManifest.FORMAT_VERSION);
        }
        for (Map.Entry<String, CheckpointManifest.FileEntry> entry : manifest.files().entrySet()) {
            Path file = folder.resolve(entry.getKey());
            try {
                byte[] bytes = Files.readAllBytes(file);
                if (bytes.length != entry.getValue().size()) {
                    return StoredCheckpoint.invalid(folder, manifest, entry.getKey() + " has " + bytes.length
                            + " bytes, the manifest says " + entry.getValue().size());
                }
                if (!sha256(bytes).equals(entry.getValue().sha256())) {
                    return StoredCheckpoint.invalid(folder, manifest, entry.getKey() + " fails its SHA-256 check");
                }
            } catch (IOException e) {
                return StoredCheckpoint.invalid(folder, manifest, entry.getKey() + " is missing or unreadable");
            }
        }
        return new StoredCheckpoint(folder, manifest, true, "verified");
    }

    /** Removes leftovers of interrupted writes. */
    public void removeTemporaryFolders() {
        if (!Files.isDirectory(root)) {
            return;
        }
        try (DirectoryStream<Path> stream = Files.newDirectoryStream(root, TEMPORARY_PREFIX + "*")) {
            for (Path leftover : stream) {
                deleteRecursively(leftover);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void prune() throws IOException {
        List<StoredCheckpoint> all = list();
        for (int i = keep; i < all.size(); i++) {
            deleteRecursively(all.get(i).folder());
        }
    }

    static String folderName(long step) {
        return String.format("%s%012d", PREFIX, step);
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    private static void deleteRecursively(Path path) throws IOException {
        if (!Files.exists(path)) {
            return;
        }
        try (var walk = Files.walk(path)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
