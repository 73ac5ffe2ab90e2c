package io.rigshift.datasets.mesh;

/** Meshes built in code for the winding-number tests and benchmark. */
final class TestMeshes {

    private TestMeshes() {
    }

    /** A UV sphere of radius r at the origin, faces wound outwards: 2 * slices * (stacks - 1) faces. */
    static Mesh sphere(double r, int stacks, int slices) {
        int rings = stacks - 1;
        double[] vertices = new double[3 * (rings * slices + 2)];
        int v = 0;
        for (int ring = 1; ring <= rings; ring++) {
            double polar = Math.PI * ring / stacks;
            for (int s = 0; s < slices; s++) {
                double azimuth = 2 * Math.PI * s / slices;
                vertices[v++] = r * Math.sin(polar) * Math.cos(azimuth);
                vertices[v++] = r * Math.sin(polar) * Math.sin(azimuth);
                vertices[v++] = r * Math.cos(polar);
            }
        }
        int north = rings * slices, south = north + 1;
        vertices[3 * north + 2] = r;
        vertices[3 * south + 2] = -r;
        int[] triangles = new int[3 * 2 * slices * rings];
        int t = 0;
        for (int s = 0; s < slices; s++) {
            int next = (s + 1) % slices;
            triangles[t++] = north;
            triangles[t++] = s;
            triangles[t++] = next;
            int last = (rings - 1) * slices;
            triangles[t++] = south;
            triangles[t++] = last + next;
            triangles[t++] = last + s;
        }
        for (int ring = 0; ring + 1 < rings; ring++) {
            for (int s = 0; s < slices; s++) {
                int next = (s + 1) % slices;
                int a = ring * slices + s, b = ring * slices + next;
                int c = (ring + 1) * slices + s, d = (ring + 1) * slices + next;
                triangles[t++] = a;
                triangles[t++] = c;
                triangles[t++] = d;
                triangles[t++] = a;
                triangles[t++] = d;
                triangles[t++] = b;
            }
        }
        return new Mesh(vertices, triangles);
    }

    /** The cube [-h, h]^3 as 12 faces wound outwards. */
    static Mesh cube(double h) {
        double[] vertices = {-h, -h, -h, h, -h, -h, h, h, -h, -h, h, -h, -h, -h, h, h, -h, h, h, h, h, -h, h, h};
        int[] quads = {0, 3, 2, 1, 4, 5, 6, 7, 0, 1, 5, 4, 3, 7, 6, 2, 0, 4, 7, 3, 1, 2, 6, 5};
        int[] triangles = new int[36];
        for (int q = 0; q < 6; q++) {
            int[] corner = {quads[4 * q], quads[4 * q + 1], quads[4 * q + 2], quads[4 * q + 3]};
            System.arraycopy(new int[] {corner[0], corner[1], corner[2], corner[0], corner[2], corner[3]}, 0,
                    triangles, 6 * q, 6);
        }
        return new Mesh(vertices, triangles);
    }
}
