package io.rigshift.datasets.manifest;

import java.io.IOException;
import java.nio.file.Path;

/** A manifest CSV that cannot be read as {@code caption,path} rows; the message names the file and the problem. */
public class ManifestFormatException extends IOException {

    public ManifestFormatException(Path file, String problem) {
        super(file + ": " + problem);
    }
}
