package io.rigshift.datasets.manifest;

import io.rigshift.datasets.mesh.SolidFiles;
import io.rigshift.datasets.occupancy.CaptionedSample;
import io.rigshift.datasets.occupancy.OccupancyField;

import java.nio.file.Path;
import java.util.Objects;

/**
 * A user-supplied training example: a caption and its solid, loaded from a manifest and fitted to the unit cube,
 * with the split its row names.
 */
public record ManifestSample(String caption, OccupancyField field, Path file, ManifestSplit split)
        implements CaptionedSample {

    public ManifestSample {
        Objects.requireNonNull(caption, "caption");
        Objects.requireNonNull(field, "field");
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(split, "split");
    }

    public ManifestSample(String caption, OccupancyField field, Path file) {
        this(caption, field, file, ManifestSplit.SEEDED);
    }

    /** "mesh" for OBJ files, "voxels" for binvox files. */
    @Override
    public String category() {
        return SolidFiles.isVoxelGrid(file) ? "voxels" : "mesh";
    }
}
