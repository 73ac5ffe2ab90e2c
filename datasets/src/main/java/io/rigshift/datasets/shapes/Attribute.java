package io.rigshift.datasets.shapes;

import java.util.List;

/** A property of one shape part that captions name: its {@link Size}, {@link Proportion} or {@link Fill}. */
public sealed interface Attribute permits Size, Proportion, Fill {

    /** The canonical word, as in "tall" or "hollow". */
    String word();

    /** Words captions may use for it, the canonical one first; empty when captions never name it. */
    List<String> synonyms();

    /** Whether captions may leave it unsaid, so that a caption without such a word means this value. */
    boolean isDefault();
}
