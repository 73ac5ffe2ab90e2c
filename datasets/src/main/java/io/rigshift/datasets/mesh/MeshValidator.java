package io.rigshift.datasets.mesh;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.function.IntPredicate;

/**
 * Checks a user's mesh or voxel file and gives one {@link MeshVerdict}: can it be read, and does it give a solid? By
 * default ({@link MeshAcceptance#WINDING_NUMBER}) open and non-manifold meshes are usable with a warning, inside
 * being where their generalised winding number reaches one half; refused are unreadable, empty and degenerate files
 * and meshes whose winding number never reaches one half. {@link MeshAcceptance#WATERTIGHT} asks every edge to be
 * shared by exactly two faces. Vertices at identical positions count as one, so meshes saved with split vertices are
 * judged by their shape.
 */
public final class MeshValidator {

    /** Volumes below this fraction of the cube on the mesh's longest side count as zero. */
    private static final double ZERO_VOLUME_FRACTION = 1e-9;
    /** Faces probed for a point of winding number above one half, spread evenly over the mesh. */
    private static final int PROBED_FACES = 256;
    /** Distance of a probe from its face, as a fraction of the mesh's longest side. */
    private static final double PROBE_OFFSET = 1e-3;

    private MeshValidator() {
    }

    /** The verdict on a file under the default rule, {@link MeshAcceptance#WINDING_NUMBER}. */
    public static MeshVerdict validate(Path file) {
        return validate(file, MeshAcceptance.WINDING_NUMBER);
    }

    /** The verdict on a file: MISSING, UNREADABLE, or the verdict on the mesh or voxel grid it holds. */
    public static MeshVerdict validate(Path file, MeshAcceptance acceptance) {
        if (!Files.isRegularFile(file)) {
            return new MeshVerdict(file, VerdictKind.MISSING, Files.isDirectory(file) ? "is a folder, not a file"
                    : "no such file");
        }
        try {
            if (SolidFiles.isMesh(file)) {
                return validate(file, ObjReader.read(file), acceptance);
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

    /** The verdict on a mesh read from {@code file}, under the default rule. */
    public static MeshVerdict validate(Path file, Mesh mesh) {
        return validate(file, mesh, MeshAcceptance.WINDING_NUMBER);
    }

    /** The verdict on a mesh read from {@code file}. */
    public static MeshVerdict validate(Path file, Mesh mesh, MeshAcceptance acceptance) {
        if (mesh.faceCount() == 0) {
            return new MeshVerdict(file, VerdictKind.DEGENERATE_OR_EMPTY, "no faces");
        }
        if (mesh.surfaceArea() == 0) {
            return new MeshVerdict(file, VerdictKind.DEGENERATE_OR_EMPTY, "all " + mesh.faceCount()
                    + " faces have zero area");
        }
        EdgeCounts edges = EdgeCounts.of(mesh);
        if (edges.closedAndManifold()) {
            double volume = Math.abs(mesh.volume());
            double size = mesh.bounds().maxSize();
            if (volume <= ZERO_VOLUME_FRACTION * size * size * size) {
                return new MeshVerdict(file, VerdictKind.DEGENERATE_OR_EMPTY, "closed but encloses zero volume");
            }
            return new MeshVerdict(file, VerdictKind.OK, mesh.faceCount() + " faces, closed and manifold");
        }
        VerdictKind kind = edges.shared() > 0 ? VerdictKind.NON_MANIFOLD : VerdictKind.NOT_WATERTIGHT;
        if (acceptance == MeshAcceptance.WATERTIGHT) {
            return new MeshVerdict(file, kind, edges.strictDetail());
        }
        if (!reachesHalf(mesh)) {
            return new MeshVerdict(file, VerdictKind.NO_INSIDE, edges.warning().replace("; inside decided by winding"
                    + " number", "") + "; winding number never reaches 0.5, so it bounds no solid (a lone open sheet?)");
        }
        return new MeshVerdict(file, kind, edges.warning(), true);
    }

    /**
     * Whether the winding number exceeds one half anywhere: probed just off both sides of faces spread over the
     * mesh. A closed part is above one half just inside every face; a lone sheet tends to one half at its surface
     * but never gets there.
     */
    private static boolean reachesHalf(Mesh mesh) {
        WindingNumberTree winding = new WindingNumberTree(mesh);
        double offset = PROBE_OFFSET * mesh.bounds().maxSize();
        double[] vertices = mesh.vertices();
        int[] triangles = mesh.triangles();
        double[] normal = new double[3];
        int stride = Math.max(1, mesh.faceCount() / PROBED_FACES);
        for (int f = 0; f < mesh.faceCount(); f += stride) {
            mesh.faceNormal(f, normal);
            double length = Math.sqrt(normal[0] * normal[0] + normal[1] * normal[1] + normal[2] * normal[2]);
            if (length == 0) {
                continue;
            }
            double[] centre = new double[3];
            for (int axis = 0; axis < 3; axis++) {
                centre[axis] = (vertices[3 * triangles[3 * f] + axis] + vertices[3 * triangles[3 * f + 1] + axis]
                        + vertices[3 * triangles[3 * f + 2] + axis]) / 3;
            }
            for (int side = -1; side <= 1; side += 2) {
                double push = side * offset / length;
                double w = winding.of(centre[0] + push * normal[0], centre[1] + push * normal[1],
                        centre[2] + push * normal[2]);
                if (Math.abs(w) > 0.5) {
                    return true;
                }
            }
        }
        return false;
    }

    /** How many edges have one face (open) and how many more than two (shared), with an example of each. */
    private record EdgeCounts(long open, long shared, String openExample, String sharedExample) {

        static EdgeCounts of(Mesh mesh) {
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
            String sharedExample = shared == 0 ? "" : describe(firstEdge(faceCounts, count -> count > 2));
            String openExample = open == 0 ? "" : describe(firstEdge(faceCounts, count -> count == 1));
            if (shared > 0) {
                sharedExample += " shared by " + faceCounts.get(firstEdge(faceCounts, count -> count > 2)) + " faces";
            }
            return new EdgeCounts(open, shared, openExample, sharedExample);
        }

        boolean closedAndManifold() {
            return open == 0 && shared == 0;
        }

        /** The detail under the watertight rule, naming a first bad edge. */
        String strictDetail() {
            return shared > 0 ? shared + " edge(s) shared by more than two faces, e.g. " + sharedExample
                    : open + " open boundary edge(s) used by one face, e.g. " + openExample;
        }

        /** "OPEN: 160 boundary edges; NON-MANIFOLD: 2 edges on 3+ faces; inside decided by winding number". */
        String warning() {
            StringBuilder warning = new StringBuilder();
            if (open > 0) {
                warning.append("OPEN: ").append(open).append(open == 1 ? " boundary edge" : " boundary edges")
                        .append(" (e.g. ").append(openExample).append(")");
            }
            if (shared > 0) {
                warning.append(warning.isEmpty() ? "" : "; ").append("NON-MANIFOLD: ").append(shared)
                        .append(shared == 1 ? " edge" : " edges").append(" on more than two faces (e.g. ")
                        .append(sharedExample).append(")");
            }
            return warning.append("; inside decided by winding number").toString();
        }
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
