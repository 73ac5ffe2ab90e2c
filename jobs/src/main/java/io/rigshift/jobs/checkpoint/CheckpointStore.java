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
 *
 * <p>Several hosts may share the folder (a pool's shared folder): a temporary folder's name says
 * which writer made it (boot id and pid) plus a random part, so names never collide, and clean-up
 * removes only leftovers of writers that are known dead (this host, pid gone) or silent for long
 * (another host, untouched for {@link #FOREIGN_LEFTOVER_AGE}). A commit guard, when set, is asked
 * right before each checkpoint is renamed into place (a pool's fence against a stale writer).
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
    private volatile Runnable commitGuard = () -> { };

    /** How long another host's temporary folder must lie untouched before clean-up removes it. */
    static final java.time.Duration FOREIGN_LEFTOVER_AGE = java.time.Duration.ofHours(1);
    private static final String WRITER = writerId();

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

    /**
     * Sets what runs right before each checkpoint is renamed into place: it throws (or halts) when
     * this writer may no longer write. Returns this store.
     */
    public CheckpointStore guardCommits(Runnable guard) {
        this.commitGuard = java.util.Objects.requireNonNull(guard, "guard");
        return this;
    }

    /** Writes a snapshot as a new checkpoint, prunes old ones, and returns its folder. */
    public Path write(TrainingSnapshot snapshot) {
        Path temporary = null;
        try {
            Files.createDirectories(root);
            String name = folderName(snapshot.step());
            temporary = root.resolve(TEMPORARY_PREFIX + name + "-" + WRITER + "-"
                    + java.util.UUID.randomUUID().toString().substring(0, 8));
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
            commitGuard.run();
            deleteRecursively(target);
            try {
                Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                throw new CheckpointException("the file system of " + root + " cannot rename atomically", e);
            }
            temporary = null;
            DurableFiles.fsyncDirectory(root);
            prune();
            return target;
        } catch (IOException e) {
            // A full disk, say: the older checkpoints stand, and the half-written one frees its space.
            removeQuietly(temporary, e);
            throw new CheckpointException("cannot write checkpoint of step " + snapshot.step() + " in " + root + ": "
                    + reason(e), e);
        }
    }

    /** What went wrong, without the path the message already names ("No space left on device"). */
    private static String reason(IOException e) {
        if (e instanceof java.nio.file.FileAlreadyExistsException) {
            return "a file is in the way";
        }
        if (e instanceof java.nio.file.FileSystemException fse) {
            return fse.getReason() != null ? fse.getReason() : e.getClass().getSimpleName();
        }
        return e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
    }

    private static void removeQuietly(Path temporary, IOException cause) {
        if (temporary == null) {
            return;
        }
        try {
            deleteRecursively(temporary);
        } catch (IOException | UncheckedIOException e) {
            cause.addSuppressed(e);
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

    /**
     * Removes leftovers of interrupted writes: this host's whose writer is gone (or is this process),
     * and other hosts' untouched for {@link #FOREIGN_LEFTOVER_AGE}. A live writer's folder stays.
     */
    public void removeTemporaryFolders() {
        if (!Files.isDirectory(root)) {
            return;
        }
        try (DirectoryStream<Path> stream = Files.newDirectoryStream(root, TEMPORARY_PREFIX + "*")) {
            for (Path leftover : stream) {
                if (isLeftover(leftover.getFileName().toString(), Files.getLastModifiedTime(leftover).toMillis())) {
                    deleteRecursively(leftover);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Whether a temporary folder of that name, last modified then, belongs to no live writer. */
    boolean isLeftover(String folderName, long modifiedMs) {
        String[] parts = folderName.split("-");
        if (parts.length != 6) {
            return true; // named before writers were: a leftover of an interrupted write
        }
        // .tmp-step-000000000012-<boot>-<pid>-<random>: the writer is the boot id and pid.
        if (parts[3].equals(WRITER.split("-")[0])) {
            try {
                long pid = Long.parseLong(parts[4]);
                return pid == ProcessHandle.current().pid() || ProcessHandle.of(pid).map(h -> !h.isAlive()).orElse(true);
            } catch (NumberFormatException e) {
                return true;
            }
        }
        return System.currentTimeMillis() - modifiedMs > FOREIGN_LEFTOVER_AGE.toMillis(); // file times are wall-clock
    }

    /** This writer: the first 8 characters of the boot id (a host's, across containers) and the pid. */
    private static String writerId() {
        String boot;
        try {
            boot = Files.readString(Path.of("/proc/sys/kernel/random/boot_id")).strip().replace("-", "");
        } catch (IOException | RuntimeException e) {
            boot = "nobootid";
        }
        return boot.substring(0, Math.min(8, boot.length())) + "-" + ProcessHandle.current().pid();
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
