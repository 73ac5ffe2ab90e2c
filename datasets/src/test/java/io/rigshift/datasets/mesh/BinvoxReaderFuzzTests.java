package io.rigshift.datasets.mesh;


import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Fuzzes {@link BinvoxReader}: every input is a grid or a {@link MeshFormatException} naming the file (and the line
 * for header problems), and the memory a read allocates is bounded by the file's size, whatever its header declares.
 */
class BinvoxReaderFuzzTests {

    /** A 4^3 grid with four voxels set: runs of 20 empty, 4 full, 40 empty. */
    static final byte[] FOUR_VOXELS = binvox("#binvox 1\ndim 4 4 4\ntranslate -0.5 -0.5 -0.5\nscale 1\ndata\n",
            0, 20, 1, 4, 0, 40);
    private static final byte[] TINY = binvox("#binvox 1\r\ndim 2 2 2\ndata\n", 1, 1, 0, 7);

    private Path folder;

    @BeforeEach
    void createFolder() throws IOException {
        folder = Files.createTempDirectory("binvox-fuzz");
    }

    @AfterEach
    void deleteFolder() throws IOException {
        try (Stream<Path> paths = Files.walk(folder)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }

    private static final List<Integer> SIZES = List.of(0, -1, 1023, 1024, 1025, 65536, Integer.MAX_VALUE);
    private static final List<String> EXTRA_LINES = List.of("", "translate 0 0 0\n", "scale 0\n", "scale -2\n",
            "scale 1e-300\n", "translate 1e308 1e308 1e308\nscale 1e308\n");

    @Test
    void mutatedBinvoxIsAGridOrAnErrorNamingTheFile(TestInfo test) {
        FuzzTries.run(test, 0xb1_0001L, 1500, random -> MutatedInputs.mutationOf(random, 6, FOUR_VOXELS, TINY),
                this::readOrNameTheFile);
    }

    @Test
    void declaredDimensionsDoNotAllocateMoreThanTheDataCanFill(TestInfo test) {
        FuzzTries.run(test, 0xb1_0002L, 300, BinvoxReaderFuzzTests::declaredDimensions, this::readOrNameTheFile);
    }

    @Test
    void randomBytesAreAGridOrAnErrorNamingTheFile(TestInfo test) {
        FuzzTries.run(test, 0xb1_0003L, 300, BinvoxReaderFuzzTests::headedBytes, this::readOrNameTheFile);
    }

    /** A header with any dim line (within the supported 1..1024, or not) over a few bytes of runs. */
    static byte[] declaredDimensions(SplittableRandom random) {
        int n = random.nextBoolean() ? 1 + random.nextInt(1024) : SIZES.get(random.nextInt(SIZES.size()));
        String extra = EXTRA_LINES.get(random.nextInt(EXTRA_LINES.size()));
        byte[] data = MutatedInputs.randomBytes(random, 64);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(("#binvox 1\ndim " + n + " " + n + " " + n + "\n" + extra + "data\n")
                .getBytes(StandardCharsets.US_ASCII));
        out.writeBytes(data);
        return out.toByteArray();
    }

    static byte[] headedBytes(SplittableRandom random) {
        byte[] tail = MutatedInputs.randomBytes(random, 200);
        byte[] head = "#binvox 1\n".getBytes(StandardCharsets.US_ASCII);
        byte[] all = new byte[head.length + tail.length];
        System.arraycopy(head, 0, all, 0, head.length);
        System.arraycopy(tail, 0, all, head.length, tail.length);
        return all;
    }

    private void readOrNameTheFile(byte[] input) throws IOException {
        Path file = Files.write(folder.resolve("grid.binvox"), input);
        // A boolean per voxel: the data's runs can fill at most 255 voxels per 2 bytes.
        long limit = (16L << 20) + 256L * input.length;
        try {
            VoxelGrid grid = ReadLimits.within(Duration.ofSeconds(5), limit, () -> BinvoxReader.read(file));
            MeshVerdict verdict = MeshValidator.validate(file, grid);
            if (verdict.isValid()) {
                ReadLimits.within(Duration.ofSeconds(5), limit, () -> SolidFiles.readNormalized(file));
            }
        } catch (MeshFormatException malformed) {
            String message = malformed.getMessage();
            assertTrue(message.startsWith(file + ":"), message);
            malformed.line().ifPresent(line -> assertTrue(message.startsWith(file + ":" + line + ": "), message));
            assertFalse(message.contains("\n"), message);
        } catch (IOException other) {
            fail("not a MeshFormatException: " + other, other);
        }
    }

    static byte[] binvox(String header, int... runs) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(header.getBytes(StandardCharsets.US_ASCII));
        for (int run : runs) {
            out.write(run);
        }
        return out.toByteArray();
    }
}
