package io.rigshift.datasets.occupancy;

/**
 * One training or evaluation example: a caption and the solid it describes. Procedural shapes and manifest entries
 * both provide it, so a trainer handles them alike.
 */
public interface CaptionedSample {

    /** The text describing the solid. */
    String caption();

    /** The solid, in the unit cube {@code [-0.5, 0.5]^3}. */
    OccupancyField field();

    /**
     * A short label to group results by, such as {@code "sphere"}, {@code "cone+cylinder"} or {@code "mesh"}; used to
     * break evaluation scores down.
     */
    String category();
}
