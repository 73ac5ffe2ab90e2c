package io.rigshift.datasets.mesh;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Writes a voxel grid as a binvox file that {@link BinvoxReader} and the binvox tools read back. */
public final class BinvoxWriter {

    private BinvoxWriter() {
    }

    public static void write(VoxelGrid grid, Path file) throws IOException {
        int n = grid.resolution();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        String header = "#binvox 1\ndim " + n + " " + n + " " + n + "\ntranslate " + grid.originX() + " "
                + grid.originY() + " " + grid.originZ() + "\nscale " + grid.scale() + "\ndata\n";
        out.writeBytes(header.getBytes(StandardCharsets.US_ASCII));
        boolean[] occupied = grid.occupied();
        int runValue = -1;
        int runLength = 0;
        // Binvox order: x slowest, then z, then y fastest.
        for (int x = 0; x < n; x++) {
            for (int z = 0; z < n; z++) {
                for (int y = 0; y < n; y++) {
                    int value = occupied[grid.index(x, y, z)] ? 1 : 0;
                    if (value != runValue || runLength == 255) {
                        if (runLength > 0) {
                            out.write(runValue);
                            out.write(runLength);
                        }
                        runValue = value;
                        runLength = 0;
                    }
                    runLength++;
                }
            }
        }
        out.write(runValue);
        out.write(runLength);
        Files.write(file, out.toByteArray());
    }
}
