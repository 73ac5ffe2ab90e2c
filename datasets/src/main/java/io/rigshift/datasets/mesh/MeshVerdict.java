package io.rigshift.datasets.mesh;

import java.nio.file.Path;
import java.util.Objects;

/**
 * The verdict on one file: its kind, a one-line detail a user can act on, and whether training can use it. An open
 * or non-manifold mesh can be usable (its detail then is the warning); every other kind but OK never is.
 */
public record MeshVerdict(Path file, VerdictKind kind, String detail, boolean usable) {

    public MeshVerdict {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(detail, "detail");
        if (usable && !kind.canBeUsable()) {
            throw new IllegalArgumentException("a " + kind + " file is never usable");
        }
    }

    /** A verdict that is usable exactly when its kind is OK. */
    public MeshVerdict(Path file, VerdictKind kind, String detail) {
        this(file, kind, detail, kind == VerdictKind.OK);
    }

    /** Whether training can use the file. */
    public boolean isValid() {
        return usable;
    }

    /** Usable, but not a closed manifold solid: the detail says what is open or non-manifold. */
    public boolean isWarning() {
        return usable && kind != VerdictKind.OK;
    }

    /** "path: KIND (detail)", the form command-line tools print. */
    @Override
    public String toString() {
        return file + ": " + kind + (isWarning() ? ", usable" : "") + " (" + detail + ")";
    }
}
