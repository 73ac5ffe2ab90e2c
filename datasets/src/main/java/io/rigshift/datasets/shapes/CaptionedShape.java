package io.rigshift.datasets.shapes;

import io.rigshift.datasets.occupancy.CaptionedSample;
import io.rigshift.datasets.occupancy.OccupancyField;

import java.util.List;
import java.util.Objects;

/** A procedural training example: the caption, the exact solid it describes and the structure behind both. */
public record CaptionedShape(String caption, Shape shape, ShapeDescription description) implements CaptionedSample {

    public CaptionedShape {
        Objects.requireNonNull(shape, "shape");
        Objects.requireNonNull(description, "description");
        if (caption == null || caption.isBlank()) {
            throw new IllegalArgumentException("a captioned shape needs a non-blank caption");
        }
    }

    @Override
    public OccupancyField field() {
        return shape;
    }

    @Override
    public String category() {
        return description.category();
    }

    public boolean isComposite() {
        return description.isComposite();
    }

    public List<Primitive> primitives() {
        return description.primitives();
    }
}
