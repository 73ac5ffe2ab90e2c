package io.rigshift.datasets.shapes;

import java.util.Objects;

/** An attribute on a primitive, such as "tall cone": the unit the novel-combination split holds out. */
public record AttributeCombination(Attribute attribute, Primitive primitive) {

    public AttributeCombination {
        Objects.requireNonNull(attribute, "attribute");
        Objects.requireNonNull(primitive, "primitive");
    }

    /** Whether the part has this attribute and primitive. */
    public boolean matches(PartDescription part) {
        return part.primitive() == primitive && part.attributes().contains(attribute);
    }

    @Override
    public String toString() {
        return attribute.word() + " " + primitive.noun();
    }
}
