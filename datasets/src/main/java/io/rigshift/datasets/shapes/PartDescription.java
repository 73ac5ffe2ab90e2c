package io.rigshift.datasets.shapes;

import java.util.List;
import java.util.Objects;

/** What a caption says about one solid: which primitive, and its size, proportion and fill. */
public record PartDescription(Primitive primitive, Size size, Proportion proportion, Fill fill) {

    public PartDescription {
        Objects.requireNonNull(primitive, "primitive");
        Objects.requireNonNull(size, "size");
        Objects.requireNonNull(proportion, "proportion");
        Objects.requireNonNull(fill, "fill");
        if (!primitive.allows(proportion)) {
            throw new IllegalArgumentException("a " + primitive.noun() + " cannot be " + proportion.word()
                    + "; allowed proportions: " + primitive.proportions());
        }
        if (fill == Fill.HOLLOW && !primitive.canBeHollow()) {
            throw new IllegalArgumentException("a " + primitive.noun() + " cannot be hollow");
        }
    }

    /** Size, proportion and fill, in that order. */
    public List<Attribute> attributes() {
        return List.of(size, proportion, fill);
    }
}
