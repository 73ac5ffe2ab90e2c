package io.rigshift.datasets.mesh;

/** The outcome of checking one user-supplied mesh or voxel file. */
public enum VerdictKind {
    /** Readable, closed, manifold and enclosing a volume: usable for training. */
    OK,
    /** Has an open boundary: some edge belongs to exactly one face. Usable by winding number. */
    NOT_WATERTIGHT,
    /** Some edge belongs to more than two faces. Usable by winding number. */
    NON_MANIFOLD,
    /** No faces, only zero-area faces, zero enclosed volume, or no occupied voxels. */
    DEGENERATE_OR_EMPTY,
    /** Open, and its winding number never reaches one half (a lone sheet): it bounds no solid. */
    NO_INSIDE,
    /** Not an OBJ or binvox file, or one that fails to parse. */
    UNREADABLE,
    /** The path leaves the manifest's folder, after normalisation or through a symbolic link. */
    OUTSIDE_MANIFEST,
    /** No file at the path. */
    MISSING;

    /** Whether the kind is usable under the strict rule. */
    public boolean isValid() {
        return this == OK;
    }

    /** Whether a file of this kind can be usable under some {@link MeshAcceptance}. */
    public boolean canBeUsable() {
        return this == OK || this == NOT_WATERTIGHT || this == NON_MANIFOLD;
    }
}
