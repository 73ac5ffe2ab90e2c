package io.rigshift.datasets.mesh;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Writes a mesh as an ASCII PLY file with float vertex positions and triangle faces. */
public final class PlyWriter {

    private PlyWriter() {
    }

    public static void write(Mesh mesh, Path file) throws IOException {
        try (BufferedWriter writer = Files.newBufferedWriter(file, StandardCharsets.US_ASCII)) {
            write(mesh, writer);
        }
    }

    public static void write(Mesh mesh, Writer writer) throws IOException {
        writer.write("ply\nformat ascii 1.0\ncomment written by Rigshift\n");
        writer.write("element vertex " + mesh.vertexCount() + "\n");
        writer.write("property float x\nproperty float y\nproperty float z\n");
        writer.write("element face " + mesh.faceCount() + "\n");
        writer.write("property list uchar int vertex_indices\nend_header\n");
        double[] vertices = mesh.vertices();
        for (int v = 0; v < mesh.vertexCount(); v++) {
            writer.write(Coordinates.format(vertices[3 * v]) + " " + Coordinates.format(vertices[3 * v + 1]) + " "
                    + Coordinates.format(vertices[3 * v + 2]) + "\n");
        }
        int[] triangles = mesh.triangles();
        for (int f = 0; f < mesh.faceCount(); f++) {
            writer.write("3 " + triangles[3 * f] + " " + triangles[3 * f + 1] + " " + triangles[3 * f + 2] + "\n");
        }
    }
}
