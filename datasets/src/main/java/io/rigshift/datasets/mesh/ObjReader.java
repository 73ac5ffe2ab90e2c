package io.rigshift.datasets.mesh;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Reads the geometry of a Wavefront OBJ file: {@code v} lines (extra values such as w or colours ignored) and
 * {@code f} lines, whose polygons are fan-triangulated. Face entries may be {@code 1}, {@code 1/2}, {@code 1//3} or
 * {@code 1/2/3}, and negative indices count back from the last vertex read. Texture coordinates, normals, groups,
 * materials, comments and unknown lines are ignored.
 */
public final class ObjReader {

    private ObjReader() {
    }

    /**
     * The mesh in the file.
     *
     * @throws EmptyMeshException  if the file has no vertices and no faces
     * @throws MeshFormatException naming file and line, for a non-numeric vertex, an out-of-range face index or a
     *                             malformed {@code v} or {@code f} line
     */
    public static Mesh read(Path file) throws IOException {
        DoubleList vertices = new DoubleList();
        IntList triangles = new IntList();
        // OBJ is ASCII; Latin-1 decodes any byte, so a stray non-ASCII comment cannot fail the read.
        try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.ISO_8859_1)) {
            int lineNumber = 0;
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                lineNumber++;
                int comment = line.indexOf('#');
                String[] fields = (comment >= 0 ? line.substring(0, comment) : line).trim().split("\\s+");
                if (fields[0].equals("v")) {
                    readVertex(fields, file, lineNumber, vertices);
                } else if (fields[0].equals("f")) {
                    readFace(fields, file, lineNumber, vertices.size() / 3, triangles);
                }
            }
        }
        if (vertices.size() == 0 && triangles.size() == 0) {
            throw new EmptyMeshException(file);
        }
        return new Mesh(vertices.toArray(), triangles.toArray());
    }

    private static void readVertex(String[] fields, Path file, int line, DoubleList vertices)
            throws MeshFormatException {
        if (fields.length < 4) {
            throw new MeshFormatException(file, line, "malformed vertex line: expected 'v x y z', got "
                    + (fields.length - 1) + " value(s)");
        }
        for (int i = 1; i <= 3; i++) {
            vertices.add(coordinate(fields[i], file, line));
        }
    }

    private static double coordinate(String field, Path file, int line) throws MeshFormatException {
        try {
            double value = Double.parseDouble(field);
            if (Double.isFinite(value)) {
                return value;
            }
        } catch (NumberFormatException notANumber) {
            // reported below, with the same message as a non-finite value
        }
        throw new MeshFormatException(file, line, "non-numeric vertex coordinate '" + field + "'");
    }

    private static void readFace(String[] fields, Path file, int line, int vertexCount, IntList triangles)
            throws MeshFormatException {
        if (fields.length < 4) {
            throw new MeshFormatException(file, line, "malformed face line: a face needs at least 3 vertices, got "
                    + (fields.length - 1));
        }
        int[] polygon = new int[fields.length - 1];
        for (int i = 0; i < polygon.length; i++) {
            polygon[i] = vertexIndex(fields[i + 1], file, line, vertexCount);
        }
        for (int i = 1; i + 1 < polygon.length; i++) {
            triangles.add(polygon[0]);
            triangles.add(polygon[i]);
            triangles.add(polygon[i + 1]);
        }
    }

    /** The 0-based vertex index of a face entry such as {@code 7}, {@code 7/1/2} or {@code -1}. */
    private static int vertexIndex(String entry, Path file, int line, int vertexCount) throws MeshFormatException {
        int slash = entry.indexOf('/');
        String text = slash >= 0 ? entry.substring(0, slash) : entry;
        int index;
        try {
            index = Integer.parseInt(text);
        } catch (NumberFormatException notAnInteger) {
            throw new MeshFormatException(file, line, "malformed face entry '" + entry
                    + "': expected a vertex index such as 3, 3/1 or 3/1/2");
        }
        int resolved = index > 0 ? index - 1 : vertexCount + index;
        if (index == 0 || resolved < 0 || resolved >= vertexCount) {
            throw new MeshFormatException(file, line, "face index " + index + " out of range: " + vertexCount
                    + " vertices defined so far (valid: 1.." + vertexCount + " or -1..-" + vertexCount + ")");
        }
        return resolved;
    }
}
