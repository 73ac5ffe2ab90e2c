package io.rigshift.datasets.mesh;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BinvoxTests {

    @TempDir
    Path folder;

    @Test
    void writtenGridReadsBackEqual() throws IOException {
        int n = 20;
        boolean[] occupied = new boolean[n * n * n];
        // An off-centre block, so a mix-up of axes would show.
        VoxelGrid grid = new VoxelGrid(n, -1, 0.5, 2, 3, occupied);
        for (int i = 2; i < 9; i++) {
            for (int j = 5; j < 18; j++) {
                for (int k = 1; k < 4; k++) {
                    occupied[grid.index(i, j, k)] = true;
                }
            }
        }
        Path file = folder.resolve("block.binvox");

        BinvoxWriter.write(grid, file);
        VoxelGrid read = BinvoxReader.read(file);

        assertEquals(grid, read);
        assertEquals(7 * 13 * 3, read.occupiedCount());
        assertEquals(VerdictKind.OK, MeshValidator.validate(file).kind());
    }

    @Test
    void readsHandWrittenFileInBinvoxAxisOrder() throws IOException {
        // 2^3 grid; binvox order runs y fastest, then z, then x: the 4th voxel is x=0, z=1, y=1.
        byte[] header = "#binvox 1\ndim 2 2 2\ntranslate 0 0 0\nscale 1\ndata\n".getBytes(StandardCharsets.US_ASCII);
        byte[] data = {0, 3, 1, 1, 0, 4};
        Path file = folder.resolve("hand.binvox");
        Files.write(file, concat(header, data));

        VoxelGrid grid = BinvoxReader.read(file);

        assertEquals(1, grid.occupiedCount());
        assertTrue(grid.occupied()[grid.index(0, 1, 1)]);
        assertTrue(grid.contains(0.25, 0.75, 0.75));
        assertFalse(grid.contains(0.75, 0.75, 0.75));
    }

    @Test
    void truncatedDataAndForeignHeadersAreFormatErrors() throws IOException {
        byte[] header = "#binvox 1\ndim 2 2 2\ndata\n".getBytes(StandardCharsets.US_ASCII);
        Path truncated = folder.resolve("short.binvox");
        Files.write(truncated, concat(header, new byte[] {1, 5}));
        Path foreign = Files.writeString(folder.resolve("foreign.binvox"), "P6\n2 2\n255\n");

        MeshFormatException shortData = assertThrows(MeshFormatException.class, () -> BinvoxReader.read(truncated));
        MeshFormatException notBinvox = assertThrows(MeshFormatException.class, () -> BinvoxReader.read(foreign));

        assertTrue(shortData.getMessage().contains("data ends after 5 of 8 voxels"), shortData.getMessage());
        assertEquals(1, notBinvox.line().orElseThrow());
    }

    @Test
    void normalisedGridCentresItsOccupiedVoxelsInTheUnitCube() {
        int n = 10;
        boolean[] occupied = new boolean[n * n * n];
        VoxelGrid grid = new VoxelGrid(n, 5, 5, 5, 10, occupied);
        occupied[grid.index(0, 0, 0)] = true;
        occupied[grid.index(1, 0, 0)] = true;

        VoxelGrid normalised = MeshNormalizer.normalize(grid);

        assertTrue(normalised.contains(-0.4, 0, 0));
        assertTrue(normalised.contains(0.4, 0, 0));
        assertFalse(normalised.contains(0, 0.3, 0));
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] all = new byte[a.length + b.length];
        System.arraycopy(a, 0, all, 0, a.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        return all;
    }
}
