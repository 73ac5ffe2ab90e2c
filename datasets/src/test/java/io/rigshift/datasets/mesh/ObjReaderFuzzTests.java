package io.rigshift.datasets.mesh;


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

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Fuzzes {@link ObjReader} and what a dataset does next with a mesh it read (validation, normalising): every input
 * is a mesh or a {@link MeshFormatException} naming the file and line, within a time and a memory bound.
 */
class ObjReaderFuzzTests {

    static final String CUBE = String.join("\n", "# a unit cube", "v 0 0 0", "v 1 0 0", "v 1 1 0", "v 0 1 0",
            "v 0 0 1", "v 1 0 1", "v 1 1 1", "v 0 1 1", "f 1 4 3 2", "f 5 6 7 8", "f 1 2 6 5", "f 4 8 7 3",
            "f 1 5 8 4", "f 2 3 7 6", "");
    /** The same cube in the other face-entry forms: v/vt/vn, v//vn, negative indices, w and colour values. */
    private static final String CUBE_FORMS = String.join("\n", "o cube", "v 0 0 0 1", "v 1 0 0", "v 1 1 0",
            "v 0 1 0", "v 0 0 1 1 0.5 0.5", "v 1 0 1", "v 1 1 1", "v 0 1 1", "vt 0 0", "vn 0 0 1", "g sides",
            "f 1/1/1 4/1/1 3/1/1 2/1/1", "f 5//1 6//1 7//1 8//1", "f -8 -7 -3 -4", "f 4/1 8/1 7/1 3/1",
            "f 1 5 8 4 # left", "f 2 3 7 6", "");

    private Path folder;

    @BeforeEach
    void createFolder() throws IOException {
        folder = Files.createTempDirectory("obj-fuzz");
    }

    @AfterEach
    void deleteFolder() throws IOException {
        try (Stream<Path> paths = Files.walk(folder)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }

    @Test
    void mutatedObjIsAMeshOrAnErrorNamingFileAndLine(TestInfo test) {
        byte[] cube = CUBE.getBytes(StandardCharsets.US_ASCII);
        byte[] forms = CUBE_FORMS.getBytes(StandardCharsets.US_ASCII);
        FuzzTries.run(test, 0x0b7_0001L, 1500, random -> MutatedInputs.mutationOf(random, 6, cube, forms),
                this::readOrNameTheLine);
    }

    @Test
    void randomTextIsAMeshOrAnErrorNamingFileAndLine(TestInfo test) {
        FuzzTries.run(test, 0x0b7_0002L, 500,
                random -> MutatedInputs.randomText(random, "vf 0123456789.-+/e#\n", 400), this::readOrNameTheLine);
    }

    private void readOrNameTheLine(byte[] input) throws IOException {
        Path file = Files.write(folder.resolve("mesh.obj"), input);
        long limit = 64L << 20;
        try {
            Mesh mesh = ReadLimits.within(Duration.ofSeconds(5), limit, () -> ObjReader.read(file));
            // What a dataset does with a mesh it read must not fail either: validate, then normalise if valid.
            MeshVerdict verdict = ReadLimits.within(Duration.ofSeconds(5), limit,
                    () -> MeshValidator.validate(file, mesh));
            if (verdict.isValid()) {
                ReadLimits.within(Duration.ofSeconds(5), limit, () -> SolidFiles.readNormalized(file));
            }
        } catch (EmptyMeshException empty) {
            assertEquals(file + ": file is empty: no vertices and no faces", empty.getMessage());
        } catch (MeshFormatException malformed) {
            long lines = new String(input, StandardCharsets.ISO_8859_1).lines().count();
            assertTrue(malformed.line().isPresent(), malformed.getMessage());
            int line = malformed.line().getAsInt();
            assertTrue(line >= 1 && line <= lines, "line " + line + " of " + lines + ": " + malformed.getMessage());
            assertTrue(malformed.getMessage().startsWith(file + ":" + line + ": "), malformed.getMessage());
            assertFalse(malformed.getMessage().contains("\n"), malformed.getMessage());
        } catch (IOException other) {
            fail("not a MeshFormatException: " + other, other);
        }
    }
}
