package io.rigshift.datasets.shapes;

import java.util.List;

/**
 * How a shape is stretched: {@link #TALL} along y, {@link #FLAT} squashed along y, {@link #WIDE} stretched along x.
 * {@link #REGULAR} is never named in captions. Each {@link Primitive} lists the proportions it takes.
 */
public enum Proportion implements Attribute {
    REGULAR(List.of()),
    TALL(List.of("tall")),
    FLAT(List.of("flat", "squat")),
    WIDE(List.of("wide", "broad"));

    private final List<String> synonyms;

    Proportion(List<String> synonyms) {
        this.synonyms = synonyms;
    }

    @Override
    public String word() {
        return this == REGULAR ? "regular" : synonyms.get(0);
    }

    @Override
    public List<String> synonyms() {
        return synonyms;
    }

    @Override
    public boolean isDefault() {
        return this == REGULAR;
    }
}
