package io.rigshift.datasets.manifest;

import java.util.Objects;

/**
 * One row of a manifest: a caption, the path of its solid relative to the manifest's folder, and the split the row
 * names ({@link ManifestSplit#SEEDED} when none).
 */
public record ManifestEntry(String caption, String path, ManifestSplit split) {

    public ManifestEntry {
        if (caption == null || caption.isBlank()) {
            throw new IllegalArgumentException("a manifest entry needs a non-blank caption");
        }
        if (path == null || path.isBlank()) {
            throw new IllegalArgumentException("a manifest entry needs a non-blank path");
        }
        Objects.requireNonNull(split, "split");
    }

    /** A row that names no split. */
    public ManifestEntry(String caption, String path) {
        this(caption, path, ManifestSplit.SEEDED);
    }
}
