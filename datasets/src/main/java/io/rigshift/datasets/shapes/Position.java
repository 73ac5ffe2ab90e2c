package io.rigshift.datasets.shapes;

import java.util.List;

/**
 * Where a single shape sits in the unit cube: centred, or pushed towards one face. Left/right is x, bottom/top is y,
 * back/front is z.
 */
public enum Position {
    CENTRE(0, 0, 0, List.of("in the centre", "in the middle")),
    LEFT(-1, 0, 0, List.of("on the left", "at the left")),
    RIGHT(1, 0, 0, List.of("on the right", "at the right")),
    BOTTOM(0, -1, 0, List.of("at the bottom", "near the bottom")),
    TOP(0, 1, 0, List.of("at the top", "near the top")),
    BACK(0, 0, -1, List.of("at the back", "in the back")),
    FRONT(0, 0, 1, List.of("at the front", "in front"));

    private final int directionX;
    private final int directionY;
    private final int directionZ;
    private final List<String> phrases;

    Position(int directionX, int directionY, int directionZ, List<String> phrases) {
        this.directionX = directionX;
        this.directionY = directionY;
        this.directionZ = directionZ;
        this.phrases = phrases;
    }

    /** Unit direction of the offset from the centre along x; 0 for {@link #CENTRE}. */
    public int directionX() {
        return directionX;
    }

    public int directionY() {
        return directionY;
    }

    public int directionZ() {
        return directionZ;
    }

    /** Phrases captions may use, the canonical one first. */
    public List<String> phrases() {
        return phrases;
    }
}
