package io.rigshift.datasets.mesh;

import io.rigshift.datasets.occupancy.Bounds;
import io.rigshift.datasets.occupancy.OccupancyField;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * A mesh as an {@link OccupancyField}: inside where the generalised winding number reaches one half (by
 * {@link WindingNumberTree}, so open and non-manifold meshes work too), near-surface points drawn on faces in
 * proportion to their area and pushed along the face normal. An inside test costs a tree walk, far more than an
 * analytic shape's, so precompute sample pools ({@link io.rigshift.datasets.occupancy.OccupancySamples}) rather than
 * sampling per training step.
 */
public final class MeshOccupancy implements OccupancyField {

    private final Mesh mesh;
    private final Bounds bounds;
    private final WindingNumberTree winding;
    /** Running total of face areas, for picking a face in proportion to its area. */
    private final double[] cumulativeArea;

    /** An occupancy field of a mesh that already lies in the unit cube (see {@link MeshNormalizer}). */
    public MeshOccupancy(Mesh mesh) {
        if (mesh.vertexCount() == 0) {
            throw new IllegalArgumentException("an occupancy field needs a mesh with vertices");
        }
        this.mesh = mesh;
        this.bounds = mesh.bounds();
        this.winding = new WindingNumberTree(mesh);
        this.cumulativeArea = new double[mesh.faceCount()];
        double total = 0;
        for (int f = 0; f < mesh.faceCount(); f++) {
            total += mesh.faceArea(f);
            cumulativeArea[f] = total;
        }
    }

    public Mesh mesh() {
        return mesh;
    }

    @Override
    public boolean contains(double x, double y, double z) {
        return bounds.contains(x, y, z) && winding.inside(x, y, z);
    }

    @Override
    public Bounds bounds() {
        return bounds;
    }

    /** A uniform point on the surface, moved along the face normal by up to {@code band} either way. */
    @Override
    public void nearSurfacePoint(SplittableRandom random, double band, double[] point) {
        double totalArea = cumulativeArea.length == 0 ? 0 : cumulativeArea[cumulativeArea.length - 1];
        if (totalArea <= 0) {
            OccupancyField.super.nearSurfacePoint(random, band, point);
            return;
        }
        int face = Arrays.binarySearch(cumulativeArea, random.nextDouble() * totalArea);
        face = Math.min(face >= 0 ? face : -face - 1, cumulativeArea.length - 1);
        double u = random.nextDouble(), v = random.nextDouble();
        if (u + v > 1) {
            u = 1 - u;
            v = 1 - v;
        }
        double[] vertices = mesh.vertices();
        int[] triangles = mesh.triangles();
        int a = 3 * triangles[3 * face], b = 3 * triangles[3 * face + 1], c = 3 * triangles[3 * face + 2];
        double[] normal = new double[3];
        mesh.faceNormal(face, normal);
        double length = Math.sqrt(normal[0] * normal[0] + normal[1] * normal[1] + normal[2] * normal[2]);
        double push = length > 0 ? (2 * random.nextDouble() - 1) * band / length : 0;
        for (int axis = 0; axis < 3; axis++) {
            double onSurface = vertices[a + axis] + u * (vertices[b + axis] - vertices[a + axis])
                    + v * (vertices[c + axis] - vertices[a + axis]);
            point[axis] = Math.max(-0.5, Math.min(0.5, onSurface + push * normal[axis]));
        }
    }
}
