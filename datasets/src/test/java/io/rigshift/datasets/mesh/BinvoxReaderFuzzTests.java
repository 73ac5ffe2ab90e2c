package io.rigshift.datasets.mesh;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AddLifecycleHook;
import net.jqwik.api.lifecycle.AfterProperty;
import net.jqwik.api.lifecycle.BeforeProperty;

import java.io.ByteArrayOutputStream;
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
 * Fuzzes {@link BinvoxReader}: every input is a grid or a {@link MeshFormatException} naming the file (and the line
 * for header problems), and the memory a read allocates is bounded by the file's size, whatever its header declares.
 */
@AddLifecycleHook(FuzzTries.class)
class BinvoxReaderFuzzTests {

    /** A 4^3 grid with four voxels set: runs of 20 empty, 4 full, 40 empty. */
    static final byte[] FOUR_VOXELS = binvox("#binvox 1\ndim 4 4 4\ntranslate -0.5 -0.5 -0.5\nscale 1\ndata\n",
            0, 20, 1, 4, 0, 40);
    private static final byte[] TINY = binvox("#binvox 1\r\ndim 2 2 2\ndata\n", 1, 1, 0, 7);

    private Path folder;

    @BeforeProperty
    void createFolder() throws IOException {
        folder = Files.createTempDirectory("binvox-fuzz");
    }

    @AfterProperty
    void deleteFolder() throws IOException {
        try (Stream<Path> paths = Files.walk(folder)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }

    @Property(tries = 1500)
    void mutatedBinvoxIsAGridOrAnErrorNamingTheFile(@ForAll("mutatedGrids") byte[] input) throws IOException {
        readOrNameTheFile(input);
    }

    @Property(tries = 300)
    void declaredDimensionsDoNotAllocateMoreThanTheDataCanFill(@ForAll("declaredDimensions") byte[] input)
            throws IOException {
        readOrNameTheFile(input);
    }

    @Property(tries = 300)
    void randomBytesAreAGridOrAnErrorNamingTheFile(@ForAll("headedBytes") byte[] input) throws IOException {
        readOrNameTheFile(input);
    }

    @Provide
    Arbitrary<byte[]> mutatedGrids() {
        return MutatedInputs.mutationsOf(6, FOUR_VOXELS, TINY);
    }

    /** A header with any dim line (within the supported 1..1024, or not) over a few bytes of runs. */
    @Provide
    Arbitrary<byte[]> declaredDimensions() {
        Arbitrary<Integer> size = Arbitraries.oneOf(Arbitraries.integers().between(1, 1024),
                Arbitraries.of(0, -1, 1023, 1024, 1025, 65536, Integer.MAX_VALUE));
        Arbitrary<byte[]> runs = Arbitraries.bytes().array(byte[].class).ofMaxSize(64);
        return Combinators.combine(size, Arbitraries.of("", "translate 0 0 0\n", "scale 0\n", "scale -2\n",
                "scale 1e-300\n", "translate 1e308 1e308 1e308\nscale 1e308\n"), runs).as((n, extra, data) -> {
                    ByteArrayOutputStream out = new ByteArrayOutputStream();
                    out.writeBytes(("#binvox 1\ndim " + n + " " + n + " " + n + "\n" + extra + "data\n")
                            .getBytes(StandardCharsets.US_ASCII));
                    out.writeBytes(data);
                    return out.toByteArray();
                });
    }

    @Provide
    Arbitrary<byte[]> headedBytes() {
        return MutatedInputs.randomBytes(200).map(tail -> {
            byte[] head = "#binvox 1\n".getBytes(StandardCharsets.US_ASCII);
            byte[] all = new byte[head.length + tail.length];
            System.arraycopy(head, 0, all, 0, head.length);
            System.arraycopy(tail, 0, all, head.length, tail.length);
            return all;
        });
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
