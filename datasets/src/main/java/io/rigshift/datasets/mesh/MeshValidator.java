package io.rigshift.datasets.mesh;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.function.IntPredicate;

/**
 * Checks a user's mesh or voxel file and gives one {@link MeshVerdict}: can it be read, and does the mesh bound a
 * solid (every edge shared by exactly two faces, some non-zero area and volume)? Vertices at identical positions
 * count as one, so meshes saved with split vertices are judged by their shape.
 */
public final class MeshValidator {

    /** Volumes below this fraction of the cube on the mesh's longest side count as zero. */
    private static final double ZERO_VOLUME_FRACTION = 1e-9;

    private MeshValidator() {
    }

    /** The verdict on a file: MISSING, UNREADABLE, or the verdict on the mesh or voxel grid it holds. */
    public static MeshVerdict validate(Path file) {
        if (!Files.isRegularFile(file)) {
            return new MeshVerdict(file, VerdictKind.MISSING, Files.isDirectory(file) ? "is a folder, not a file"
                    : "no such file");
        }
        try {
            if (SolidFiles.isMesh(file)) {
                return validate(file, ObjReader.read(file));
            }
            if (SolidFiles.isVoxelGrid(file)) {
                return validate(file, BinvoxReader.read(file));
            }
            throw SolidFiles.unsupported(file);
        } catch (IOException unreadable) {
            return new MeshVerdict(file, VerdictKind.UNREADABLE, unreadable.getMessage());
        }
    }

    /** The verdict on a voxel grid read from {@code file}. */
    public static MeshVerdict validate(Path file, VoxelGrid grid) {
        int occupied = grid.occupiedCount();
        return occupied == 0
                ? new MeshVerdict(file, VerdictKind.DEGENERATE_OR_EMPTY, "no occupied voxels")
                : new MeshVerdict(file, VerdictKind.OK, occupied + " occupied voxels of " + grid.occupied().length);
    }

    /** The verdict on a mesh read from {@code file}. */
    public static MeshVerdict validate(Path file, Mesh mesh) {
        if (mesh.faceCount() == 0) {
            return new MeshVerdict(file, VerdictKind.DEGENERATE_OR_EMPTY, "no faces");
        }
        if (mesh.surfaceArea() == 0) {
            return new MeshVerdict(file, VerdictKind.DEGENERATE_OR_EMPTY, "all " + mesh.faceCount()
                    + " faces have zero area");
        }
        MeshVerdict edges = checkEdges(file, mesh);
        if (edges != null) {
            return edges;
        }
        double volume = Math.abs(mesh.volume());
        double size = mesh.bounds().maxSize();
        if (volume <= ZERO_VOLUME_FRACTION * size * size * size) {
            return new MeshVerdict(file, VerdictKind.DEGENERATE_OR_EMPTY, "closed but encloses zero volume");
        }
        return new MeshVerdict(file, VerdictKind.OK, mesh.faceCount() + " faces, closed and manifold");
    }

    /** NON_MANIFOLD or NOT_WATERTIGHT naming a first bad edge, or null when every edge has two faces. */
    private static MeshVerdict checkEdges(Path file, Mesh mesh) {
        int[] welded = weldedVertexIds(mesh);
        int[] triangles = mesh.triangles();
        Map<Long, Integer> faceCounts = new HashMap<>();
        for (int corner = 0; corner < triangles.length; corner += 3) {
            int a = welded[triangles[corner]], b = welded[triangles[corner + 1]], c = welded[triangles[corner + 2]];
            if (a == b || b == c || c == a) {
                continue; // a collapsed face has no proper edges; its neighbours close over it
            }
            faceCounts.merge(edgeKey(a, b), 1, Integer::sum);
            faceCounts.merge(edgeKey(b, c), 1, Integer::sum);
            faceCounts.merge(edgeKey(c, a), 1, Integer::sum);
        }
        long shared = faceCounts.values().stream().filter(count -> count > 2).count();
        long open = faceCounts.values().stream().filter(count -> count == 1).count();
        if (shared > 0) {
            long example = firstEdge(faceCounts, count -> count > 2);
            return new MeshVerdict(file, VerdictKind.NON_MANIFOLD, shared + " edge(s) shared by more than two faces,"
                    + " e.g. " + describe(example) + " shared by " + faceCounts.get(example) + " faces");
        }
        if (open > 0) {
            return new MeshVerdict(file, VerdictKind.NOT_WATERTIGHT, open + " open boundary edge(s) used by one face,"
                    + " e.g. " + describe(firstEdge(faceCounts, count -> count == 1)));
        }
        return null;
    }

    private static long firstEdge(Map<Long, Integer> faceCounts, IntPredicate condition) {
        return faceCounts.entrySet().stream().filter(entry -> condition.test(entry.getValue()))
                .mapToLong(Map.Entry::getKey).min().orElseThrow();
    }

    /** Vertex ids where vertices at the same position share the id of the first of them. */
    private static int[] weldedVertexIds(Mesh mesh) {
        double[] vertices = mesh.vertices();
        Map<Position, Integer> firstAt = new HashMap<>();
        int[] ids = new int[mesh.vertexCount()];
        for (int v = 0; v < ids.length; v++) {
            // Adding 0.0 turns -0.0 into 0.0 so both weld.
            Position position = new Position(vertices[3 * v] + 0.0, vertices[3 * v + 1] + 0.0, vertices[3 * v + 2] + 0.0);
            Integer first = firstAt.putIfAbsent(position, v);
            ids[v] = first == null ? v : first;
        }
        return ids;
    }

    private static long edgeKey(int a, int b) {
        return ((long) Math.min(a, b) << 32) | Math.max(a, b);
    }

    /** An edge in the 1-based vertex numbering of OBJ files. */
    private static String describe(long edge) {
        return "the edge between vertices " + ((edge >>> 32) + 1) + " and " + ((edge & 0xFFFFFFFFL) + 1);
    }

    private record Position(double x, double y, double z) {
    }
}
