package io.rigshift.datasets.mesh;

import io.rigshift.datasets.occupancy.Bounds;

import java.util.Arrays;

/**
 * A triangle mesh: vertex coordinates xyz interleaved, and faces as three vertex indices each (0-based), wound
 * counter-clockwise seen from outside for a positive {@link #volume()}.
 *
 * <p>The arrays are taken as they are, not copied, for speed on large meshes: treat them as read-only.
 */
public record Mesh(double[] vertices, int[] triangles) {

    public Mesh {
        if (vertices.length % 3 != 0 || triangles.length % 3 != 0) {
            throw new IllegalArgumentException("mesh arrays must hold whole triples, got " + vertices.length
                    + " vertex values and " + triangles.length + " face indices");
        }
        for (double value : vertices) {
            if (!Double.isFinite(value)) {
                throw new IllegalArgumentException("mesh vertex coordinates must be finite, got " + value);
            }
        }
        int vertexCount = vertices.length / 3;
        for (int index : triangles) {
            if (index < 0 || index >= vertexCount) {
                throw new IllegalArgumentException("face vertex index " + index + " outside [0, " + vertexCount + ")");
            }
        }
    }

    public int vertexCount() {
        return vertices.length / 3;
    }

    public int faceCount() {
        return triangles.length / 3;
    }

    /** The box around all vertices; the mesh must have at least one vertex. */
    public Bounds bounds() {
        return Bounds.of(vertices);
    }

    /**
     * Signed enclosed volume by the divergence theorem: the sum of the signed volumes of the tetrahedra joining the
     * origin to each face. Exact for a closed mesh; positive when faces wind counter-clockwise seen from outside.
     */
    public double volume() {
        double sixTimesVolume = 0;
        for (int f = 0; f < faceCount(); f++) {
            int a = 3 * triangles[3 * f], b = 3 * triangles[3 * f + 1], c = 3 * triangles[3 * f + 2];
            double ax = vertices[a], ay = vertices[a + 1], az = vertices[a + 2];
            double bx = vertices[b], by = vertices[b + 1], bz = vertices[b + 2];
            double cx = vertices[c], cy = vertices[c + 1], cz = vertices[c + 2];
            sixTimesVolume += ax * (by * cz - bz * cy) - ay * (bx * cz - bz * cx) + az * (bx * cy - by * cx);
        }
        return sixTimesVolume / 6;
    }

    /** Area of face {@code f}. */
    public double faceArea(int f) {
        double[] normal = new double[3];
        faceNormal(f, normal);
        return Math.sqrt(normal[0] * normal[0] + normal[1] * normal[1] + normal[2] * normal[2]) / 2;
    }

    /** Total area of all faces. */
    public double surfaceArea() {
        double area = 0;
        for (int f = 0; f < faceCount(); f++) {
            area += faceArea(f);
        }
        return area;
    }

    /** Writes the unnormalised face normal, the cross product of two edges (twice the face area long). */
    void faceNormal(int f, double[] normal) {
        int a = 3 * triangles[3 * f], b = 3 * triangles[3 * f + 1], c = 3 * triangles[3 * f + 2];
        double ux = vertices[b] - vertices[a], uy = vertices[b + 1] - vertices[a + 1], uz = vertices[b + 2] - vertices[a + 2];
        double vx = vertices[c] - vertices[a], vy = vertices[c + 1] - vertices[a + 1], vz = vertices[c + 2] - vertices[a + 2];
        normal[0] = uy * vz - uz * vy;
        normal[1] = uz * vx - ux * vz;
        normal[2] = ux * vy - uy * vx;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Mesh mesh && Arrays.equals(vertices, mesh.vertices)
                && Arrays.equals(triangles, mesh.triangles);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(vertices) + Arrays.hashCode(triangles);
    }

    @Override
    public String toString() {
        return "Mesh[" + vertexCount() + " vertices, " + faceCount() + " faces]";
    }
}
