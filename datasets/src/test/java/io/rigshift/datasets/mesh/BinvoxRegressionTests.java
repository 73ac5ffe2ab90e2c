package io.rigshift.datasets.mesh;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Inputs the binvox fuzz properties found, shrunk, kept as plain tests. */
class BinvoxRegressionTests {

    @TempDir
    Path folder;

    @Test
    void headerDeclaringAHugeGridOverNoDataFailsWithoutAllocatingIt() throws IOException {
        // Found by the fuzz: 'dim 1023' allocated a 1 GB grid before finding the data empty.
        Path file = Files.write(folder.resolve("huge.binvox"), BinvoxReaderFuzzTests.binvox(
                "#binvox 1\ndim 1024 1024 1024\ndata\n", 1, 255));

        MeshFormatException refused = assertThrows(MeshFormatException.class,
                () -> ReadLimits.within(Duration.ofSeconds(5), 1 << 20, () -> BinvoxReader.read(file)));
        assertEquals(file + ": data of 2 bytes cannot fill the 1024^3 grid its header declares (1073741824 voxels;"
                + " at most 255 at 255 per 2-byte run)", refused.getMessage());
    }

    @Test
    void nonPositiveScaleIsAHeaderErrorNamingItsLine() throws IOException {
        for (String scale : new String[] {"0", "-2", "-0"}) {
            Path file = Files.write(folder.resolve("flat.binvox"), BinvoxReaderFuzzTests.binvox(
                    "#binvox 1\ndim 2 2 2\ntranslate 0 0 0\nscale " + scale + "\ndata\n", 1, 8));

            MeshFormatException refused = assertThrows(MeshFormatException.class, () -> BinvoxReader.read(file));
            assertEquals(file + ":4: unsupported scale 'scale " + scale + "': need a positive number, the side of the"
                    + " grid's cube", refused.getMessage());
        }
    }

    @Test
    void gridWhoseCubeOverflowsIsRefusedAtItsDataLine() throws IOException {
        // Found by the fuzz: translate + scale overflowed to infinity and normalising threw IllegalArgumentException.
        Path file = Files.write(folder.resolve("far.binvox"), BinvoxReaderFuzzTests.binvox(
                "#binvox 1\ndim 2 2 2\ntranslate 1e308 1e308 1e308\nscale 1e308\ndata\n", 1, 8));

        MeshFormatException refused = assertThrows(MeshFormatException.class, () -> BinvoxReader.read(file));
        assertEquals(file + ":5: the grid's cube (translate 1.0E308 1.0E308 1.0E308, scale 1.0E308) reaches beyond the"
                + " largest finite coordinate", refused.getMessage());
    }

    @Test
    void gridNearTheLargestCoordinateNormalisesIntoTheUnitCube() throws IOException {
        Path file = Files.write(folder.resolve("far.binvox"), BinvoxReaderFuzzTests.binvox(
                "#binvox 1\ndim 2 2 2\ntranslate 1e308 1e308 1e308\nscale 7e307\ndata\n", 1, 8));

        VoxelGrid grid = (VoxelGrid) SolidFiles.readNormalized(file);

        assertEquals(8, grid.occupiedCount());
        io.rigshift.datasets.occupancy.Bounds occupied = grid.occupiedBounds().orElseThrow();
        assertEquals(0.9, occupied.maxSize(), 1e-12);
        assertEquals(0, occupied.centerX(), 1e-12);
    }
}
