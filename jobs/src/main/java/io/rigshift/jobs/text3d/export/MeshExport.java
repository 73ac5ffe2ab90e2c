package io.rigshift.jobs.text3d.export;

import io.rigshift.datasets.mesh.MarchingTetrahedra;
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
 * From a caption to files people can open: the trained model's occupancy on a grid over the unit
 * cube, its surface at probability 0.5, written as OBJ, PLY and a shaded PNG preview titled with
 * the caption. Used by the export step and by {@code rigshift predict}. Each file is written to a
 * temporary name and renamed, so a crash never leaves a torn mesh.
 */
public final class MeshExport {

    /** Default cells per side of the prediction grid. */
    public static final int DEFAULT_RESOLUTION = 48;

    /** Longest slug a file name takes from a caption. */
    private static final int MAX_SLUG = 48;

    private final UnitCubeGrid grid;
    private final float[] centers;

    /** @param resolution cells per side of the prediction grid, in [2, {@value UnitCubeGrid#MAX_RESOLUTION}] */
    public MeshExport(int resolution) {
        this.grid = new UnitCubeGrid(resolution);
        this.centers = grid.centers();
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
        return write(predictor.predict(caption, centers), caption, folder, name);
    }

    /**
     * Extracts the surface where the probabilities cross {@value Text3dEvaluation#THRESHOLD} and writes
     * it as {@link #export} does.
     *
     * @param probabilities inside-probability of each cell of {@link #grid()}, in its index order
     */
    public ExportedMesh write(float[] probabilities, String caption, Path folder, String name) throws IOException {
        Mesh mesh = MarchingTetrahedra.extract(probabilities, grid, Text3dEvaluation.THRESHOLD);
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
