package io.rigshift.datasets.shapes;

import java.util.List;

/**
 * The combinations held out of training and validation for the {@link Split#NOVEL} split: each word occurs in
 * training, but never in these pairings, so the split measures whether a model composes words it knows.
 */
public final class NovelCombinations {

    /** Attribute-primitive combinations that occur only in the novel split. */
    public static final List<AttributeCombination> ATTRIBUTES = List.of(
            new AttributeCombination(Proportion.TALL, Primitive.CONE),
            new AttributeCombination(Fill.HOLLOW, Primitive.SPHERE),
            new AttributeCombination(Proportion.WIDE, Primitive.CAPSULE),
            new AttributeCombination(Proportion.FLAT, Primitive.PYRAMID),
            new AttributeCombination(Size.LARGE, Primitive.TORUS));

    /** Primitive pairs that are composed together only in the novel split, whatever the order and relation. */
    public static final List<PrimitivePair> PAIRS = List.of(
            new PrimitivePair(Primitive.CONE, Primitive.CYLINDER),
            new PrimitivePair(Primitive.SPHERE, Primitive.TORUS),
            new PrimitivePair(Primitive.PYRAMID, Primitive.CAPSULE));

    private NovelCombinations() {
    }

    /** Whether the part carries a held-out attribute combination. */
    public static boolean isHeldOut(PartDescription part) {
        return ATTRIBUTES.stream().anyMatch(combination -> combination.matches(part));
    }

    /** Whether the description contains any held-out attribute combination or primitive pair. */
    public static boolean isNovel(ShapeDescription description) {
        if (description.parts().stream().anyMatch(NovelCombinations::isHeldOut)) {
            return true;
        }
        List<Primitive> primitives = description.primitives();
        return primitives.size() == 2 && PAIRS.contains(new PrimitivePair(primitives.get(0), primitives.get(1)));
    }
}
