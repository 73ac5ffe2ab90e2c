package io.rigshift.datasets.manifest;

import io.rigshift.datasets.mesh.FuzzTries;
import io.rigshift.datasets.mesh.MutatedInputs;
import io.rigshift.datasets.mesh.ReadLimits;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AddLifecycleHook;
import net.jqwik.api.lifecycle.AfterProperty;
import net.jqwik.api.lifecycle.BeforeProperty;

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
@AddLifecycleHook(FuzzTries.class)
class ManifestFuzzTests {

    static final String MANIFEST = String.join("\n", "caption,path", "a unit cube,cube.obj",
            "\"four voxels, in a row\",grids/four.binvox", "a tiny block ,tiny.binvox", "");

    private Path folder;

    @BeforeProperty
    void createDataset() throws IOException {
        folder = Files.createTempDirectory("manifest-fuzz");
        Files.writeString(folder.resolve("cube.obj"), ManifestFuzzInputs.CUBE_OBJ);
        Files.write(Files.createDirectories(folder.resolve("grids")).resolve("four.binvox"),
                ManifestFuzzInputs.FOUR_VOXELS);
        Files.write(folder.resolve("tiny.binvox"), ManifestFuzzInputs.TINY_BLOCK);
    }

    @AfterProperty
    void deleteDataset() throws IOException {
        try (Stream<Path> paths = Files.walk(folder)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }

    @Property(tries = 1500)
    void mutatedManifestIsReadOrAnErrorNamingFileAndLine(@ForAll("mutatedManifests") byte[] input)
            throws IOException {
        readValidateAndLoad(input);
    }

    @Property(tries = 300)
    void randomTextIsReadOrAnErrorNamingFileAndLine(@ForAll("csvLikeText") byte[] input) throws IOException {
        readValidateAndLoad(input);
    }

    @Provide
    Arbitrary<byte[]> mutatedManifests() {
        return MutatedInputs.mutationsOf(6, MANIFEST.getBytes(StandardCharsets.UTF_8));
    }

    @Provide
    Arbitrary<byte[]> csvLikeText() {
        return MutatedInputs.randomText("captionpath,\"\n\r ./\\cube.objtiny.binvox", 300);
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
