package io.rigshift.datasets.mesh;

import java.nio.file.Path;

/** A mesh file with no geometry at all: no vertices and no faces. */
public class EmptyMeshException extends MeshFormatException {

    public EmptyMeshException(Path file) {
        super(file, "file is empty: no vertices and no faces");
    }
}
