package io.rigshift.datasets.mesh;

import io.rigshift.datasets.occupancy.OccupancyField;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;

/** The user file types a solid can come from: {@code .obj} meshes and {@code .binvox} voxel grids. */
public final class SolidFiles {

    private SolidFiles() {
    }

    public static boolean isMesh(Path file) {
        return extension(file).equals("obj");
    }

    public static boolean isVoxelGrid(Path file) {
        return extension(file).equals("binvox");
    }

    /**
     * Reads the file and fits it into the unit cube {@code [-0.5, 0.5]^3} with {@link MeshNormalizer}, as an
     * occupancy field. Validate the file first with {@link MeshValidator}: this does not check watertightness.
     *
     * @throws MeshFormatException for an unsupported extension or a parse error
     */
    public static OccupancyField readNormalized(Path file) throws IOException {
        if (isMesh(file)) {
            return new MeshOccupancy(MeshNormalizer.normalize(ObjReader.read(file)));
        }
        if (isVoxelGrid(file)) {
            return MeshNormalizer.normalize(BinvoxReader.read(file));
        }
        throw unsupported(file);
    }

    static MeshFormatException unsupported(Path file) {
        return new MeshFormatException(file, "unsupported file type '." + extension(file)
                + "': expected .obj or .binvox");
    }

    private static String extension(Path file) {
        String name = String.valueOf(file.getFileName());
        int dot = name.lastIndexOf('.');
        return dot < 0 ? "" : name.substring(dot + 1).toLowerCase(Locale.ROOT);
    }
}
