package io.rigshift.datasets.manifest;

import io.rigshift.datasets.mesh.FuzzTries;
import io.rigshift.datasets.mesh.MutatedInputs;
import io.rigshift.datasets.mesh.ReadLimits;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Fuzzes {@link Manifest}: a mutated {@code caption,path} CSV over three real files (a cube OBJ, two binvox grids)
 * is a manifest whose validation and loading never throw, or a {@link ManifestFormatException} naming the file and
 * the line.
 */
class ManifestFuzzTests {

    static final String MANIFEST = String.join("\n", "caption,path", "a unit cube,cube.obj",
            "\"four voxels, in a row\",grids/four.binvox", "a tiny block ,tiny.binvox", "");

    private Path folder;

    @BeforeEach
    void createDataset() throws IOException {
        folder = Files.createTempDirectory("manifest-fuzz");
        Files.writeString(folder.resolve("cube.obj"), ManifestFuzzInputs.CUBE_OBJ);
        Files.write(Files.createDirectories(folder.resolve("grids")).resolve("four.binvox"),
                ManifestFuzzInputs.FOUR_VOXELS);
        Files.write(folder.resolve("tiny.binvox"), ManifestFuzzInputs.TINY_BLOCK);
    }

    @AfterEach
    void deleteDataset() throws IOException {
        try (Stream<Path> paths = Files.walk(folder)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }

    @Test
    void mutatedManifestIsReadOrAnErrorNamingFileAndLine(TestInfo test) {
        byte[] manifest = MANIFEST.getBytes(StandardCharsets.UTF_8);
        FuzzTries.run(test, 0x3a_0001L, 1500, random -> MutatedInputs.mutationOf(random, 6, manifest),
                this::readValidateAndLoad);
    }

    @Test
    void randomTextIsReadOrAnErrorNamingFileAndLine(TestInfo test) {
        FuzzTries.run(test, 0x3a_0002L, 300,
                random -> MutatedInputs.randomText(random, "captionpath,\"\n\r ./\\cube.objtiny.binvox", 300),
                this::readValidateAndLoad);
    }

    private void readValidateAndLoad(byte[] input) throws IOException {
        Path file = Files.write(folder.resolve("manifest.csv"), input);
        Manifest manifest;
        try {
            manifest = ReadLimits.within(Duration.ofSeconds(5), 64L << 20, () -> Manifest.read(file));
        } catch (ManifestFormatException malformed) {
            String message = malformed.getMessage();
            assertTrue(message.startsWith(file + ": "), message);
            // A problem on a line names it; only the two about the whole file have none.
            assertTrue(message.matches(java.util.regex.Pattern.quote(file + ": line ") + "[1-9][0-9]*: .+")
                    || message.equals(file + ": no rows after the header")
                    || message.startsWith(file + ": the file is empty: "), "names the line: " + message);
            assertFalse(message.contains("\n"), message);
            return;
        } catch (IOException other) {
            fail("not a ManifestFormatException: " + other, other);
            return;
        }
        // The rows' files give verdicts, never exceptions; loading skips the invalid ones.
        ManifestValidation validation = ReadLimits.within(Duration.ofSeconds(5), 64L << 20, manifest::validate);
        assertTrue(validation.verdicts().size() == manifest.entries().size());
        ReadLimits.within(Duration.ofSeconds(5), 64L << 20, () -> manifest.load(InvalidFilePolicy.SKIP));
    }
}
