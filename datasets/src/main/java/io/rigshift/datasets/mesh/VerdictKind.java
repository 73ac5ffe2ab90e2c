package io.rigshift.datasets.mesh;

/** The outcome of checking one user-supplied mesh or voxel file. */
public enum VerdictKind {
    /** Readable, closed, manifold and enclosing a volume: usable for training. */
    OK,
    /** Has an open boundary: some edge belongs to exactly one face. */
    NOT_WATERTIGHT,
    /** Some edge belongs to more than two faces. */
    NON_MANIFOLD,
    /** No faces, only zero-area faces, zero enclosed volume, or no occupied voxels. */
    DEGENERATE_OR_EMPTY,
    /** Not an OBJ or binvox file, or one that fails to parse. */
    UNREADABLE,
    /** The path leaves the manifest's folder, after normalisation or through a symbolic link. */
    OUTSIDE_MANIFEST,
    /** No file at the path. */
    MISSING;

    public boolean isValid() {
        return this == OK;
    }
}
