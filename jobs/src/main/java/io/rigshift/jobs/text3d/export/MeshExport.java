package io.rigshift.jobs.text3d.export;

import io.rigshift.datasets.mesh.MarchingCubes;
import io.rigshift.datasets.mesh.Mesh;
import io.rigshift.datasets.mesh.MeshRenderer;
import io.rigshift.datasets.mesh.ObjWriter;
import io.rigshift.datasets.mesh.PlyWriter;
import io.rigshift.datasets.occupancy.UnitCubeGrid;
import io.rigshift.datasets.text.Tokenizer;
import io.rigshift.jobs.checkpoint.DurableFiles;
import io.rigshift.jobs.text3d.OccupancyPredictor;
import io.rigshift.jobs.text3d.Text3dEvaluation;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;

/**
 * From a caption to files people can open: the trained model's occupancy probability on a grid
 * over the unit cube, its smooth surface at probability 0.5 by marching cubes, written as OBJ, PLY
 * and a shaded PNG preview titled with the caption. Used by the export step and by {@code rigshift predict}. Each file is written to a
 * temporary name and renamed, so a crash never leaves a torn mesh.
 */
public final class MeshExport {

    /** Default cells per side of the prediction grid: fine enough that facets no longer show. */
    public static final int DEFAULT_RESOLUTION = 128;

    /** The smoke preset's export grid: a smoke run must stay seconds long (testers, CI). */
    public static final int SMOKE_RESOLUTION = 48;

    /** Longest slug a file name takes from a caption. */
    private static final int MAX_SLUG = 48;

    private final UnitCubeGrid grid;

    /** @param resolution cells per side of the prediction grid, in [2, {@value UnitCubeGrid#MAX_RESOLUTION}] */
    public MeshExport(int resolution) {
        this.grid = new UnitCubeGrid(resolution);
    }

    /** What one export wrote: the mesh, and its files; no files and a warning when the prediction is empty. */
    public record ExportedMesh(String caption, Mesh mesh, List<Path> files, String warning) {

        public ExportedMesh {
            files = List.copyOf(files);
        }

        public boolean isEmpty() {
            return mesh.faceCount() == 0;
        }
    }

    /** The grid predictions are made on. */
    public UnitCubeGrid grid() {
        return grid;
    }

    /**
     * Predicts the caption's shape and writes {@code <name>.obj}, {@code .ply} and {@code .png} into the
     * folder (created if needed). An empty prediction writes nothing and says so in
     * {@link ExportedMesh#warning()}.
     */
    public ExportedMesh export(OccupancyPredictor predictor, String caption, Path folder, String name)
            throws IOException {
        return write(probabilities(predictor, caption), caption, folder, name);
    }

    /**
     * The model's inside-probability of every cell of {@link #grid()}, in its index order. The model sees
     * one slab of constant x at a time (128^2 points at the default resolution; the predictor splits it
     * further and closes an NDManager scope per pass), so only the result grows with the cube of the
     * resolution, not the points or the model's activations.
     */
    public float[] probabilities(OccupancyPredictor predictor, String caption) {
        int n = grid.resolution();
        float[] probabilities = new float[grid.cellCount()];
        float[] slab = new float[3 * n * n];
        for (int i = 0; i < n; i++) {
            int p = 0;
            for (int j = 0; j < n; j++) {
                for (int k = 0; k < n; k++) {
                    slab[p++] = (float) grid.coordinate(i);
                    slab[p++] = (float) grid.coordinate(j);
                    slab[p++] = (float) grid.coordinate(k);
                }
            }
            System.arraycopy(predictor.predict(caption, slab), 0, probabilities, grid.index(i, 0, 0), n * n);
        }
        return probabilities;
    }

    /**
     * Extracts the surface where the probabilities cross {@value Text3dEvaluation#THRESHOLD} and writes
     * it as {@link #export} does.
     *
     * @param probabilities inside-probability of each cell of {@link #grid()}, in its index order
     */
    public ExportedMesh write(float[] probabilities, String caption, Path folder, String name) throws IOException {
        Mesh mesh = MarchingCubes.extract(probabilities, grid, Text3dEvaluation.THRESHOLD);
        if (mesh.faceCount() == 0) {
            return new ExportedMesh(caption, mesh, List.of(), "the model predicts an empty shape for '" + caption
                    + "' (no cell of the " + grid.resolution() + "^3 grid above " + Text3dEvaluation.THRESHOLD
                    + "): no mesh written");
        }
        Path obj = folder.resolve(name + ".obj");
        Path ply = folder.resolve(name + ".ply");
        Path png = folder.resolve(name + ".png");
        StringWriter objText = new StringWriter();
        ObjWriter.write(mesh, objText);
        DurableFiles.writeAtomically(obj, objText.toString().getBytes(StandardCharsets.US_ASCII));
        StringWriter plyText = new StringWriter();
        PlyWriter.write(mesh, plyText);
        DurableFiles.writeAtomically(ply, plyText.toString().getBytes(StandardCharsets.US_ASCII));
        System.setProperty("java.awt.headless", "true");
        ByteArrayOutputStream image = new ByteArrayOutputStream();
        ImageIO.write(MeshRenderer.render(mesh, caption, MeshRenderer.DEFAULT_SIZE), "png", image);
        DurableFiles.writeAtomically(png, image.toByteArray());
        return new ExportedMesh(caption, mesh, List.of(obj, ply, png), null);
    }

    /**
     * A file name from a caption: its words joined by '-', at most {@value #MAX_SLUG} characters;
     * "shape" when it has no words. "A tall cone, on a box!" gives "a-tall-cone-on-a-box".
     */
    public static String slug(String caption) {
        String slug = String.join("-", Tokenizer.tokenize(caption)).replaceAll("[^a-z0-9-]", "")
                .replaceAll("-{2,}", "-").replaceAll("^-|-$", "");
        if (slug.length() > MAX_SLUG) {
            int cut = slug.lastIndexOf('-', MAX_SLUG);
            slug = slug.substring(0, cut > 0 ? cut : MAX_SLUG);
        }
        return slug.isEmpty() ? "shape" : slug;
    }
}
