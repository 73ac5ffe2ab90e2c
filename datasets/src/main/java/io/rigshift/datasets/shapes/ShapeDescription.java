package io.rigshift.datasets.shapes;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The structure behind a caption: one part placed at a {@link Position}, or two parts joined by a {@link Relation}
 * (compositions are always centred). Evaluation groups results by {@link #category()}.
 */
public record ShapeDescription(List<PartDescription> parts, Optional<Relation> relation, Position position) {

    public ShapeDescription {
        parts = List.copyOf(parts);
        Objects.requireNonNull(relation, "relation");
        Objects.requireNonNull(position, "position");
        if (parts.size() == 1 && relation.isPresent()) {
            throw new IllegalArgumentException("a single shape has no relation, got " + relation.get());
        }
        if (parts.size() == 2 && (relation.isEmpty() || position != Position.CENTRE)) {
            throw new IllegalArgumentException("a composition needs a relation and sits in the centre, got "
                    + relation + " at " + position);
        }
        if (parts.isEmpty() || parts.size() > 2) {
            throw new IllegalArgumentException("a shape has one or two parts, got " + parts.size());
        }
    }

    /** One part at the given position. */
    public static ShapeDescription single(PartDescription part, Position position) {
        return new ShapeDescription(List.of(part), Optional.empty(), position);
    }

    /** Two parts, the first placed relative to the second: "first on top of second". */
    public static ShapeDescription composite(PartDescription first, Relation relation, PartDescription second) {
        return new ShapeDescription(List.of(first, second), Optional.of(relation), Position.CENTRE);
    }

    public boolean isComposite() {
        return parts.size() == 2;
    }

    /** The primitives of the parts, in caption order. */
    public List<Primitive> primitives() {
        return parts.stream().map(PartDescription::primitive).toList();
    }

    /** The primitive's noun, or for compositions both nouns sorted and joined by '+': "cone+cylinder". */
    public String category() {
        return parts.stream().map(part -> part.primitive().noun()).sorted().collect(Collectors.joining("+"));
    }
}
