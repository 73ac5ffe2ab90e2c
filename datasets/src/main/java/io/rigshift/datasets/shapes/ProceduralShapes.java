package io.rigshift.datasets.shapes;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The procedural dataset: captioned primitives and two-part compositions in the unit cube {@code [-0.5, 0.5]^3}
 * (x right, y up, z front), generated deterministically from a seed.
 *
 * <p>Sizes are nominal longest sides of 0.3 (small), 0.44 (medium) and 0.8 (large); every length, proportion and
 * position offset is jittered by up to {@value #RELATIVE_JITTER} relative either way, so no two instances are equal.
 * Each split draws from its own random stream, so validation and novel samples are never copies of training ones,
 * and a list for a larger count starts with the list for a smaller one.
 */
public final class ProceduralShapes {

    /** Default share of two-part compositions in every split. */
    public static final double DEFAULT_COMPOSITE_FRACTION = 0.3;

    /** Largest relative change jitter makes to a nominal length, proportion or offset. */
    public static final double RELATIVE_JITTER = ShapeGeometry.RELATIVE_JITTER;

    private final double compositeFraction;

    /** A generator with {@link #DEFAULT_COMPOSITE_FRACTION} of compositions. */
    public ProceduralShapes() {
        this(DEFAULT_COMPOSITE_FRACTION);
    }

    /** A generator in which {@code compositeFraction} of every split, rounded evenly, are two-part compositions. */
    public ProceduralShapes(double compositeFraction) {
        if (!(compositeFraction >= 0 && compositeFraction <= 1)) {
            throw new IllegalArgumentException("composite fraction must be in [0, 1], got " + compositeFraction);
        }
        this.compositeFraction = compositeFraction;
    }

    public double compositeFraction() {
        return compositeFraction;
    }

    /** {@code count} captioned shapes of the split; the same arguments always give equal captions and shapes. */
    public List<CaptionedShape> generate(Split split, int count, long seed) {
        if (count < 0) {
            throw new IllegalArgumentException("shape count must not be negative, got " + count);
        }
        SplittableRandom splitRandom = streamFor(split, seed);
        DescriptionSampler sampler = new DescriptionSampler();
        List<CaptionedShape> shapes = new ArrayList<>(count);
        for (int index = 0; index < count; index++) {
            SplittableRandom random = splitRandom.split();
            ShapeDescription description = sampler.sample(split, isComposite(index), random);
            Shape shape = new ShapeGeometry(random).build(description);
            String caption = new CaptionWriter(random).write(description);
            shapes.add(new CaptionedShape(caption, shape, description));
        }
        return shapes;
    }

    /** Spreads compositions evenly: index i is one when the running count of compositions steps up there. */
    private boolean isComposite(int index) {
        return Math.floor((index + 1) * compositeFraction) > Math.floor(index * compositeFraction);
    }

    private static SplittableRandom streamFor(Split split, long seed) {
        SplittableRandom root = new SplittableRandom(seed);
        SplittableRandom stream = root.split();
        for (int i = 0; i < split.ordinal(); i++) {
            stream = root.split();
        }
        return stream;
    }
}
