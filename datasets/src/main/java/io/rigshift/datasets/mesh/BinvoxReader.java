package io.rigshift.datasets.mesh;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Reads binvox voxel files: a text header ({@code #binvox 1}, {@code dim}, {@code translate}, {@code scale},
 * {@code data}) followed by run-length encoded bytes, pairs of value (0 or 1) and run length (1 to 255), with the y
 * index varying fastest, then z, then x. Only cubic grids are supported.
 */
public final class BinvoxReader {

    /** The longest run one (value, count) pair encodes. */
    private static final int MAX_RUN = 255;

    private BinvoxReader() {
    }

    /**
     * The voxel grid in the file.
     *
     * @throws MeshFormatException naming the file, and the line for header problems, when the file is not a binvox
     *                             file or its data does not fill the grid exactly
     */
    public static VoxelGrid read(Path file) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        Header header = new Header(file);
        int position = 0;
        int lineNumber = 0;
        while (!header.complete) {
            int end = position;
            while (end < bytes.length && bytes[end] != '\n') {
                end++;
            }
            if (end == bytes.length) {
                throw lineNumber == 0 && bytes.length == 0
                        ? new MeshFormatException(file, "file is empty")
                        : new MeshFormatException(file, lineNumber + 1, "header ends before its 'data' line");
            }
            lineNumber++;
            header.accept(new String(bytes, position, end - position, StandardCharsets.ISO_8859_1).trim(), lineNumber);
            position = end + 1;
        }
        return new VoxelGrid(header.resolution, header.translate[0], header.translate[1], header.translate[2],
                header.scale, decode(bytes, position, header.resolution, file));
    }

    private static boolean[] decode(byte[] bytes, int start, int resolution, Path file) throws MeshFormatException {
        int total = resolution * resolution * resolution;
        // Each 2-byte run fills at most 255 voxels: refuse a header whose grid the data cannot fill before
        // allocating it, so a short file that declares a huge grid costs no more memory than its size.
        long fillable = (long) (bytes.length - start) / 2 * MAX_RUN;
        if (fillable < total) {
            throw new MeshFormatException(file, "data of " + (bytes.length - start) + " bytes cannot fill the "
                    + resolution + "^3 grid its header declares (" + total + " voxels; at most " + fillable
                    + " at 255 per 2-byte run)");
        }
        boolean[] occupied = new boolean[total];
        int filled = 0;
        for (int position = start; position < bytes.length; position += 2) {
            if (position + 1 >= bytes.length) {
                throw new MeshFormatException(file, "data ends inside a run at byte " + position);
            }
            int value = bytes[position] & 0xFF;
            int count = bytes[position + 1] & 0xFF;
            if (value > 1 || count == 0) {
                throw new MeshFormatException(file, "bad run at byte " + position + ": value " + value + ", count "
                        + count + " (value must be 0 or 1, count 1 to 255)");
            }
            if (filled + count > total) {
                throw new MeshFormatException(file, "data holds more than the " + total + " voxels of a "
                        + resolution + "^3 grid");
            }
            for (int run = 0; run < count; run++, filled++) {
                if (value == 1) {
                    // Binvox order: x slowest, then z, then y fastest.
                    int x = filled / (resolution * resolution);
                    int z = (filled / resolution) % resolution;
                    int y = filled % resolution;
                    occupied[(x * resolution + y) * resolution + z] = true;
                }
            }
        }
        if (filled != total) {
            throw new MeshFormatException(file, "data ends after " + filled + " of " + total + " voxels");
        }
        return occupied;
    }

    /** The header fields read so far. */
    private static final class Header {
        private final Path file;
        private int resolution;
        private double[] translate = {0, 0, 0};
        private double scale = 1;
        private boolean complete;

        Header(Path file) {
            this.file = file;
        }

        void accept(String line, int lineNumber) throws MeshFormatException {
            String[] fields = line.split("\\s+");
            if (lineNumber == 1) {
                if (!fields[0].equals("#binvox")) {
                    throw new MeshFormatException(file, 1, "not a binvox file: first line must be '#binvox 1'");
                }
                return;
            }
            switch (fields[0]) {
                case "dim" -> {
                    double[] dims = numbers(fields, 3, lineNumber);
                    if (dims[0] != dims[1] || dims[1] != dims[2] || dims[0] < 1 || dims[0] > 1024
                            || dims[0] != Math.rint(dims[0])) {
                        throw new MeshFormatException(file, lineNumber, "unsupported dim '" + line
                                + "': need three equal whole numbers from 1 to 1024");
                    }
                    resolution = (int) dims[0];
                }
                case "translate" -> translate = numbers(fields, 3, lineNumber);
                case "scale" -> {
                    scale = numbers(fields, 1, lineNumber)[0];
                    if (!(scale > 0)) {
                        throw new MeshFormatException(file, lineNumber, "unsupported scale '" + line
                                + "': need a positive number, the side of the grid's cube");
                    }
                }
                case "data" -> {
                    if (resolution == 0) {
                        throw new MeshFormatException(file, lineNumber, "'data' before any 'dim' line");
                    }
                    for (double origin : translate) {
                        if (!Double.isFinite(origin + scale)) {
                            throw new MeshFormatException(file, lineNumber, "the grid's cube (translate "
                                    + translate[0] + " " + translate[1] + " " + translate[2] + ", scale " + scale
                                    + ") reaches beyond the largest finite coordinate");
                        }
                    }
                    complete = true;
                }
                default -> throw new MeshFormatException(file, lineNumber, "unknown header line '" + line
                        + "': expected dim, translate, scale or data");
            }
        }

        private double[] numbers(String[] fields, int count, int lineNumber) throws MeshFormatException {
            if (fields.length != count + 1) {
                throw new MeshFormatException(file, lineNumber, "'" + fields[0] + "' needs " + count
                        + " number(s), got " + (fields.length - 1));
            }
            double[] values = new double[count];
            for (int i = 0; i < count; i++) {
                try {
                    values[i] = Double.parseDouble(fields[i + 1]);
                } catch (NumberFormatException notANumber) {
                    throw new MeshFormatException(file, lineNumber, "non-numeric value '" + fields[i + 1] + "'");
                }
                if (!Double.isFinite(values[i])) {
                    throw new MeshFormatException(file, lineNumber, "non-numeric value '" + fields[i + 1] + "'");
                }
            }
            return values;
        }
    }
}
