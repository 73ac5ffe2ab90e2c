package io.rigshift.jobs.checkpoint;

import java.nio.file.Path;

/**
 * A checkpoint folder as found on disk, verified or not.
 *
 * @param manifest null when the manifest itself is missing or unreadable
 * @param verdict "verified" or why it was rejected
 */
public record StoredCheckpoint(Path folder, CheckpointManifest manifest, boolean valid, String verdict) {

    static StoredCheckpoint invalid(Path folder, String why) {
        return new StoredCheckpoint(folder, null, false, why);
    }

    static StoredCheckpoint invalid(Path folder, CheckpointManifest manifest, String why) {
        return new StoredCheckpoint(folder, manifest, false, why);
    }

    public String name() {
        return folder.getFileName().toString();
    }

    public Path file(String name) {
        return folder.resolve(name);
    }
}
