package io.rigshift.datasets.mesh;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Writes a mesh as a Wavefront OBJ file: one {@code v} line per vertex and one 1-based {@code f} line per face. */
public final class ObjWriter {

    private ObjWriter() {
    }

    public static void write(Mesh mesh, Path file) throws IOException {
        try (BufferedWriter writer = Files.newBufferedWriter(file, StandardCharsets.US_ASCII)) {
            write(mesh, writer);
        }
    }

    public static void write(Mesh mesh, Writer writer) throws IOException {
        double[] vertices = mesh.vertices();
        for (int v = 0; v < mesh.vertexCount(); v++) {
            writer.write("v " + Coordinates.format(vertices[3 * v]) + " " + Coordinates.format(vertices[3 * v + 1])
                    + " " + Coordinates.format(vertices[3 * v + 2]) + "\n");
        }
        int[] triangles = mesh.triangles();
        for (int f = 0; f < mesh.faceCount(); f++) {
            writer.write("f " + (triangles[3 * f] + 1) + " " + (triangles[3 * f + 1] + 1) + " "
                    + (triangles[3 * f + 2] + 1) + "\n");
        }
    }
}
