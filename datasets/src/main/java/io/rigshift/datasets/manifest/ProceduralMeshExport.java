package io.rigshift.datasets.manifest;

import io.rigshift.datasets.mesh.MarchingTetrahedra;
import io.rigshift.datasets.mesh.Mesh;
import io.rigshift.datasets.mesh.ObjWriter;
import io.rigshift.datasets.occupancy.UnitCubeGrid;
import io.rigshift.datasets.shapes.CaptionedShape;
import io.rigshift.datasets.shapes.Shape;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes procedural shapes as a user dataset: one closed OBJ mesh per shape, extracted from its signed distance on a
 * grid, and a {@code manifest.csv} listing caption and file. Shows users the manifest format with files that
 * validate.
 */
public final class ProceduralMeshExport {

    /** Default grid resolution per axis for surface extraction. */
    public static final int DEFAULT_RESOLUTION = 48;

    /** Name of the manifest written into the output folder. */
    public static final String MANIFEST_NAME = "manifest.csv";

    private final UnitCubeGrid grid;

    public ProceduralMeshExport() {
        this(DEFAULT_RESOLUTION);
    }

    public ProceduralMeshExport(int resolution) {
        this.grid = new UnitCubeGrid(resolution);
    }

    /** The closed mesh of a shape's surface. */
    public Mesh mesh(Shape shape) {
        float[] insideness = new float[grid.cellCount()];
        int n = grid.resolution();
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                for (int k = 0; k < n; k++) {
                    insideness[grid.index(i, j, k)] =
                            (float) -shape.signedDistance(grid.coordinate(i), grid.coordinate(j), grid.coordinate(k));
                }
            }
        }
        return MarchingTetrahedra.extract(insideness, grid, 0f);
    }

    /**
     * Writes {@code shape-0001.obj} and so on and the manifest into the folder, creating it if needed.
     *
     * @return the manifest's path
     */
    public Path export(List<CaptionedShape> shapes, Path folder) throws IOException {
        Files.createDirectories(folder);
        int digits = Math.max(4, String.valueOf(shapes.size()).length());
        List<ManifestEntry> entries = new ArrayList<>(shapes.size());
        for (int i = 0; i < shapes.size(); i++) {
            String name = String.format("shape-%0" + digits + "d.obj", i + 1);
            ObjWriter.write(mesh(shapes.get(i).shape()), folder.resolve(name));
            entries.add(new ManifestEntry(shapes.get(i).caption(), name));
        }
        Path manifest = folder.resolve(MANIFEST_NAME);
        Manifest.write(manifest, entries);
        return manifest;
    }
}
