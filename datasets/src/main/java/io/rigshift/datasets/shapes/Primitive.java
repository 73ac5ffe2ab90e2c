package io.rigshift.datasets.shapes;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/** The basic solids captions are about, with the nouns that name them and the attributes each one takes. */
public enum Primitive {
    SPHERE(List.of("sphere", "ball", "orb"), EnumSet.of(Proportion.REGULAR), true),
    BOX(List.of("box", "block", "cube"), EnumSet.allOf(Proportion.class), true),
    CYLINDER(List.of("cylinder", "tube"), EnumSet.allOf(Proportion.class), true),
    CONE(List.of("cone"), EnumSet.of(Proportion.REGULAR, Proportion.TALL, Proportion.FLAT), false),
    TORUS(List.of("torus", "ring", "donut"), EnumSet.of(Proportion.REGULAR, Proportion.TALL, Proportion.FLAT), false),
    PYRAMID(List.of("pyramid"), EnumSet.of(Proportion.REGULAR, Proportion.TALL, Proportion.FLAT), false),
    CAPSULE(List.of("capsule", "pill"), EnumSet.of(Proportion.REGULAR, Proportion.TALL, Proportion.WIDE), true);

    private final List<String> nouns;
    private final List<Proportion> proportions;
    private final boolean canBeHollow;

    Primitive(List<String> nouns, Set<Proportion> proportions, boolean canBeHollow) {
        this.nouns = nouns;
        this.proportions = List.copyOf(proportions);
        this.canBeHollow = canBeHollow;
    }

    /** The canonical noun, as in "sphere". */
    public String noun() {
        return nouns.get(0);
    }

    /** Nouns captions may use, the canonical one first. */
    public List<String> nouns() {
        return nouns;
    }

    /** The proportions this primitive comes in, in declaration order. */
    public List<Proportion> proportions() {
        return proportions;
    }

    public boolean allows(Proportion proportion) {
        return proportions.contains(proportion);
    }

    /** Whether it comes as a hollow shell. */
    public boolean canBeHollow() {
        return canBeHollow;
    }
}
