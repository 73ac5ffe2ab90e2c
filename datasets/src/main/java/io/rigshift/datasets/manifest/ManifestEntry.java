package io.rigshift.datasets.manifest;

/** One row of a manifest: a caption and the path of its solid, relative to the manifest's folder. */
public record ManifestEntry(String caption, String path) {

    public ManifestEntry {
        if (caption == null || caption.isBlank()) {
            throw new IllegalArgumentException("a manifest entry needs a non-blank caption");
        }
        if (path == null || path.isBlank()) {
            throw new IllegalArgumentException("a manifest entry needs a non-blank path");
        }
    }
}
