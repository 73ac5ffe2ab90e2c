package io.rigshift.datasets.manifest;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Inputs the manifest fuzz properties found, shrunk, kept as plain tests. */
class ManifestRegressionTests {

    @TempDir
    Path folder;

    @Test
    void malformedQuoteInTheHeaderIsAFormatErrorNamingFileAndLine() throws IOException {
        // Found by the fuzz: commons-csv's CSVException from the header escaped as a bare IOException.
        Path file = Files.writeString(folder.resolve("manifest.csv"), "\"caption\"x,path\na,b.obj\n");

        ManifestFormatException refused = assertThrows(ManifestFormatException.class, () -> Manifest.read(file));
        assertEquals(file + ": line 1: not a valid CSV file: Invalid character between encapsulated token and"
                + " delimiter at line: 1, position: 10", refused.getMessage());
    }

    @Test
    void unclosedQuoteInARowNamesTheLineItStartsOn() throws IOException {
        Path file = Files.writeString(folder.resolve("manifest.csv"), "caption,path\na,b.obj\n\"open,c.obj\n");

        ManifestFormatException refused = assertThrows(ManifestFormatException.class, () -> Manifest.read(file));
        assertEquals(file + ": line 3: not a valid CSV file: (startline 3) EOF reached before encapsulated token finished",
                refused.getMessage());
    }

    @Test
    void bytesThatAreNotUtf8AreAFormatErrorNamingTheLine() throws IOException {
        // Found by the fuzz: Files.readString threw MalformedInputException ("Input length = 1"), naming no file.
        Path file = Files.write(folder.resolve("manifest.csv"), new byte[] {'c', 'a', 'p', 't', 'i', 'o', 'n', ',',
                'p', 'a', 't', 'h', '\n', 'a', ',', (byte) 0xff, '\n'});

        ManifestFormatException refused = assertThrows(ManifestFormatException.class, () -> Manifest.read(file));
        assertEquals(file + ": line 2: not UTF-8 text (byte 0xff)", refused.getMessage());
    }

    @Test
    void emptyFileSaysWhatAManifestHolds() throws IOException {
        Path file = Files.writeString(folder.resolve("manifest.csv"), "");

        ManifestFormatException refused = assertThrows(ManifestFormatException.class, () -> Manifest.read(file));
        assertEquals(file + ": the file is empty: expected the header 'caption,path' and one row per solid",
                refused.getMessage());
    }

    @Test
    void lineBreakInAQuotedCellStaysOnTheMessagesOneLine() throws IOException {
        Path file = Files.writeString(folder.resolve("manifest.csv"), "caption,path\n\"two\nlines\",\n");

        ManifestFormatException refused = assertThrows(ManifestFormatException.class, () -> Manifest.read(file));
        assertEquals(file + ": line 2: every row needs a caption and a path, got caption 'two\\u000alines', path ''",
                refused.getMessage());
    }
}
