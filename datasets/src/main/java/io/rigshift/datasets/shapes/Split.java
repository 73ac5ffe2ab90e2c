package io.rigshift.datasets.shapes;

/**
 * A slice of the procedural dataset. {@link #TRAIN} and {@link #VALIDATION} draw from the same combinations with
 * different random instances; {@link #NOVEL} holds only the {@link NovelCombinations held-out combinations}, which
 * never occur in the other two.
 */
public enum Split {
    TRAIN, VALIDATION, NOVEL
}
