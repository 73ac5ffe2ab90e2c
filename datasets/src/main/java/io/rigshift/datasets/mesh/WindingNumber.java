package io.rigshift.datasets.mesh;

/**
 * The generalised winding number of a triangle mesh around a point: the solid angle the mesh subtends, over
 * {@code 4 pi}. It is 1 inside and 0 outside a closed mesh and degrades gracefully for meshes with small holes. Costs
 * one pass over the faces per point.
 */
public final class WindingNumber {

    private WindingNumber() {
    }

    /** Whether the point is inside: winding number of magnitude at least one half, so either winding works. */
    public static boolean inside(Mesh mesh, double x, double y, double z) {
        return Math.abs(of(mesh, x, y, z)) >= 0.5;
    }

    /**
     * Sum over faces of the signed solid angle by the Van Oosterom-Strackee formula
     * {@code tan(omega / 2) = a . (b x c) / (|a||b||c| + (a.b)|c| + (b.c)|a| + (c.a)|b|)}, with a, b, c the corners
     * relative to the point; positive inside for faces wound counter-clockwise seen from outside.
     */
    public static double of(Mesh mesh, double x, double y, double z) {
        double[] v = mesh.vertices();
        int[] t = mesh.triangles();
        double total = 0;
        for (int f = 0; f < t.length; f += 3) {
            total += solidAngle(v, 3 * t[f], 3 * t[f + 1], 3 * t[f + 2], x, y, z);
        }
        return total / (4 * Math.PI);
    }

    /**
     * The signed solid angle of the triangle with corners at {@code v[a..a+2]}, {@code v[b..]},
     * {@code v[c..]} seen from the point (Van Oosterom-Strackee).
     */
    static double solidAngle(double[] v, int a, int b, int c, double x, double y, double z) {
        double ax = v[a] - x, ay = v[a + 1] - y, az = v[a + 2] - z;
        double bx = v[b] - x, by = v[b + 1] - y, bz = v[b + 2] - z;
        double cx = v[c] - x, cy = v[c + 1] - y, cz = v[c + 2] - z;
        double la = Math.sqrt(ax * ax + ay * ay + az * az);
        double lb = Math.sqrt(bx * bx + by * by + bz * bz);
        double lc = Math.sqrt(cx * cx + cy * cy + cz * cz);
        double determinant = ax * (by * cz - bz * cy) - ay * (bx * cz - bz * cx) + az * (bx * cy - by * cx);
        double denominator = la * lb * lc + (ax * bx + ay * by + az * bz) * lc
                + (bx * cx + by * cy + bz * cz) * la + (cx * ax + cy * ay + cz * az) * lb;
        return 2 * Math.atan2(determinant, denominator);
    }
}
