package io.rigshift.datasets.shapes;

import java.util.List;

/** Whether a shape is solid or a hollow shell with a thin wall; captions that say neither mean solid. */
public enum Fill implements Attribute {
    SOLID(List.of("solid")),
    HOLLOW(List.of("hollow"));

    private final List<String> synonyms;

    Fill(List<String> synonyms) {
        this.synonyms = synonyms;
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
        return this == SOLID;
    }
}
