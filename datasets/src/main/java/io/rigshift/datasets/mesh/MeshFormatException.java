package io.rigshift.datasets.mesh;

import java.io.IOException;
import java.nio.file.Path;
import java.util.OptionalInt;

/** A mesh or voxel file that cannot be parsed; the message names the file and, for text formats, the line. */
public class MeshFormatException extends IOException {

    private final Path file;
    private final int line;

    /** A problem on a 1-based line of a text file. */
    public MeshFormatException(Path file, int line, String problem) {
        super(file + ":" + line + ": " + problem);
        this.file = file;
        this.line = line;
    }

    /** A problem with the file as a whole, or with binary content that has no lines. */
    public MeshFormatException(Path file, String problem) {
        super(file + ": " + problem);
        this.file = file;
        this.line = 0;
    }

    public Path file() {
        return file;
    }

    /** The 1-based line of the problem, empty when it concerns no single line. */
    public OptionalInt line() {
        return line > 0 ? OptionalInt.of(line) : OptionalInt.empty();
    }
}
