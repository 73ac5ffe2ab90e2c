package io.rigshift.jobs.checkpoint;

import java.util.Map;
import java.util.TreeMap;

/**
 * The manifest of one checkpoint folder, written last: what it holds and how to verify it.
 *
 * @param formatVersion the checkpoint format; another version is refused
 * @param step global steps done when the checkpoint was taken
 * @param epoch epoch of the next step
 * @param createdAtMillis epoch milliseconds
 * @param djlVersion DJL that wrote it
 * @param engineVersion PyTorch that wrote it
 * @param files name to size and SHA-256 of every other file in the folder
 */
public record CheckpointManifest(int formatVersion, long step, int epoch, long createdAtMillis, String djlVersion,
        String engineVersion, Map<String, FileEntry> files) {

    /** The format this code writes and reads. */
    public static final int FORMAT_VERSION = 1;

    public CheckpointManifest {
        files = new TreeMap<>(files);
    }

    /** Total bytes of the checkpoint's files. */
    public long totalBytes() {
        return files.values().stream().mapToLong(FileEntry::size).sum();
    }

    /** Size and checksum of one file. */
    public record FileEntry(long size, String sha256) {
    }
}
