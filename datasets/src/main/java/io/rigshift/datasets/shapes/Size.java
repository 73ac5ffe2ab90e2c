package io.rigshift.datasets.shapes;

import java.util.List;

/**
 * How big a shape is: the nominal length of its longest side, before jitter. Captions that name no size mean
 * {@link #MEDIUM}.
 */
public enum Size implements Attribute {
    SMALL(0.3, List.of("small", "little", "tiny")),
    MEDIUM(0.44, List.of("medium", "medium-sized")),
    LARGE(0.8, List.of("large", "big", "huge"));

    private final double extent;
    private final List<String> synonyms;

    Size(double extent, List<String> synonyms) {
        this.extent = extent;
        this.synonyms = synonyms;
    }

    /** Nominal longest side in unit-cube units. */
    public double extent() {
        return extent;
    }

    @Override
    public String word() {
        return synonyms.get(0);
    }

    @Override
    public List<String> synonyms() {
        return synonyms;
    }

    @Override
    public boolean isDefault() {
        return this == MEDIUM;
    }
}
