package io.rigshift.datasets.text;

import java.io.IOException;
import java.nio.file.Path;

/** A saved vocabulary file that cannot be read back: names the file, the line and what was wrong. */
public class VocabularyFormatException extends IOException {

    public VocabularyFormatException(Path file, int line, String problem) {
        super(file + ":" + line + ": " + problem);
    }
}
