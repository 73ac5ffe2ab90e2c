package io.rigshift.datasets.mesh;

import java.nio.file.Path;
import java.util.Objects;

/** The verdict on one file: its kind and a one-line detail a user can act on. */
public record MeshVerdict(Path file, VerdictKind kind, String detail) {

    public MeshVerdict {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(detail, "detail");
    }

    public boolean isValid() {
        return kind.isValid();
    }

    /** "path: KIND (detail)", the form command-line tools print. */
    @Override
    public String toString() {
        return file + ": " + kind + " (" + detail + ")";
    }
}
