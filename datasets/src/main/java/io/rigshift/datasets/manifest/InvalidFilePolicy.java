package io.rigshift.datasets.manifest;

/** What loading a manifest does about files that fail validation. */
public enum InvalidFilePolicy {
    /** Throw an {@link InvalidManifestException} naming all of them. */
    FAIL,
    /** Leave them out and report them in {@link ManifestLoad#skipped()}. */
    SKIP
}
