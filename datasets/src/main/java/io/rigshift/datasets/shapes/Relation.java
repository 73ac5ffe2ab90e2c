package io.rigshift.datasets.shapes;

import java.util.List;

/**
 * How the first part of a two-part composition sits relative to the second: stacked on top of it, under it, or
 * beside it (by convention, to its left).
 */
public enum Relation {
    ON_TOP_OF(List.of("on top of", "on", "above")),
    UNDER(List.of("under", "below", "beneath")),
    BESIDE(List.of("beside", "next to", "to the left of"));

    private final List<String> phrases;

    Relation(List<String> phrases) {
        this.phrases = phrases;
    }

    /** Phrases captions may use, the canonical one first. */
    public List<String> phrases() {
        return phrases;
    }
}
