package io.rigshift.jobs.text3d;

import io.rigshift.datasets.manifest.InvalidFilePolicy;
import io.rigshift.datasets.manifest.InvalidManifestException;
import io.rigshift.datasets.manifest.Manifest;
import io.rigshift.datasets.manifest.ManifestEntry;
import io.rigshift.datasets.manifest.ManifestFormatException;
import io.rigshift.datasets.manifest.ManifestLoad;
import io.rigshift.datasets.manifest.ManifestSample;
import io.rigshift.datasets.manifest.ManifestSplit;
import io.rigshift.datasets.manifest.ManifestValidation;
import io.rigshift.datasets.mesh.MeshVerdict;
import io.rigshift.datasets.occupancy.CaptionedSample;
import io.rigshift.datasets.occupancy.OccupancySampler;
import io.rigshift.datasets.occupancy.OccupancyField;
import io.rigshift.datasets.occupancy.OccupancySamples;
import io.rigshift.datasets.shapes.ProceduralShapes;
import io.rigshift.datasets.shapes.Split;
import io.rigshift.datasets.text.Vocabulary;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The data of one run: training, validation and novel-combination samples, and the vocabulary
 * built from the training captions. Rebuilt identically from the same settings in every process,
 * so a resumed job sees the very same data.
 */
public final class Text3dWorkload {

    /** {@code pointsPerShape} value that draws fresh points at every step instead of from a pool. */
    public static final int FRESH_POINTS = 0;

    private final Vocabulary vocabulary;
    private final List<? extends CaptionedSample> train;
    private final List<? extends CaptionedSample> validation;
    private final List<? extends CaptionedSample> novel;
    private final long seed;
    private final int pointsPerShape;
    private final List<String> warnings;

    public Text3dWorkload(Vocabulary vocabulary, List<? extends CaptionedSample> train,
            List<? extends CaptionedSample> validation, List<? extends CaptionedSample> novel, long seed,
            int pointsPerShape) {
        this(vocabulary, train, validation, novel, seed, pointsPerShape, List.of());
    }

    private Text3dWorkload(Vocabulary vocabulary, List<? extends CaptionedSample> train,
            List<? extends CaptionedSample> validation, List<? extends CaptionedSample> novel, long seed,
            int pointsPerShape, List<String> warnings) {
        this.vocabulary = vocabulary;
        this.train = List.copyOf(train);
        this.validation = List.copyOf(validation);
        this.novel = List.copyOf(novel);
        this.seed = seed;
        this.pointsPerShape = pointsPerShape;
        this.warnings = List.copyOf(warnings);
    }

    /** The procedural dataset of a seed, sized by the settings. */
    public static Text3dWorkload procedural(Text3dSettings settings) {
        long seed = settings.plan().seed();
        ProceduralShapes shapes = new ProceduralShapes();
        var train = shapes.generate(Split.TRAIN, settings.trainShapes(), seed);
        var validation = shapes.generate(Split.VALIDATION, settings.validationShapes(), seed);
        var novel = shapes.generate(Split.NOVEL, settings.novelShapes(), seed);
        Vocabulary vocabulary = Vocabulary.withWordPairs(train.stream().map(CaptionedSample::caption).toList());
        return new Text3dWorkload(vocabulary, train, validation, novel, seed, FRESH_POINTS);
    }

    /** Share of a manifest's rows without a named split that is held out for validation, by default. */
    public static final double DEFAULT_VALIDATION_FRACTION = 0.1;
    /** The largest validation fraction: nine in ten held out. */
    public static final double MAX_VALIDATION_FRACTION = 0.9;

    /** A user's manifest, a tenth of its rows without a named split held out; see the four-argument form. */
    public static Text3dWorkload fromManifest(Path manifest, Text3dSettings settings, boolean skipInvalid)
            throws IOException {
        return fromManifest(manifest, settings, skipInvalid, DEFAULT_VALIDATION_FRACTION);
    }

    /**
     * A user's manifest of captioned meshes, split into training and validation samples: rows naming a split
     * ({@code train}, {@code validation}) go there; of the others, {@code validationFraction} is held out, chosen
     * by the seed (at least one when there are two or more and the fraction is positive, never all of them). There
     * is no novel-combination split: a manifest says nothing about which attribute combinations its captions hold.
     *
     * @param skipInvalid leave unusable files out, each with a {@linkplain #warnings() warning}, instead of failing
     * @throws InvalidDatasetException when the manifest cannot be read, a file is unusable and {@code skipInvalid}
     *                                 is false, or no usable file is left to train on
     */
    public static Text3dWorkload fromManifest(Path manifest, Text3dSettings settings, boolean skipInvalid,
            double validationFraction) throws IOException {
        ManifestLoad load;
        try {
            load = Manifest.read(manifest).load(skipInvalid ? InvalidFilePolicy.SKIP : InvalidFilePolicy.FAIL);
        } catch (InvalidManifestException invalid) {
            throw InvalidDatasetException.of(invalid.validation());
        } catch (ManifestFormatException malformed) {
            throw new InvalidDatasetException(malformed.getMessage());
        }
        List<String> warnings = new ArrayList<>();
        for (MeshVerdict skipped : load.skipped()) {
            warnings.add("skipping " + skipped.file() + ": " + skipped.kind() + " (" + skipped.detail() + ")");
        }
        List<ManifestSample> samples = load.samples();
        List<ManifestSplit> splits = samples.stream().map(ManifestSample::split).toList();
        boolean[] held = heldOut(splits, settings.plan().seed(), validationFraction);
        requireTrainable(manifest, held, load.skipped().size());
        List<ManifestSample> validation = new ArrayList<>();
        List<ManifestSample> train = new ArrayList<>();
        for (int i = 0; i < samples.size(); i++) {
            (held[i] ? validation : train).add(samples.get(i));
        }
        Vocabulary vocabulary = Vocabulary.withWordPairs(train.stream().map(CaptionedSample::caption).toList());
        return new Text3dWorkload(vocabulary, train, validation, List.of(), settings.plan().seed(),
                settings.pointsPerShape(), warnings);
    }

    /**
     * Checks, before any job is created, that a manifest can train: it reads, its files are usable (or
     * {@code skipInvalid}), and at least one usable shape is left for training after the validation split. Reads
     * and validates every file but loads none for training.
     *
     * @throws InvalidDatasetException naming the manifest and what is wrong
     */
    public static void checkTrainable(Path manifest, boolean skipInvalid, double validationFraction) {
        ManifestValidation validation;
        List<ManifestEntry> entries;
        try {
            Manifest read = Manifest.read(manifest);
            entries = read.entries();
            validation = read.validate();
        } catch (IOException unreadable) {
            throw new InvalidDatasetException(unreadable.getMessage());
        }
        if (!validation.isValid() && !skipInvalid) {
            throw InvalidDatasetException.of(validation);
        }
        List<ManifestSplit> splits = new ArrayList<>();
        for (int i = 0; i < entries.size(); i++) {
            if (validation.verdicts().get(i).isValid()) {
                splits.add(entries.get(i).split());
            }
        }
        // The count of held-out samples does not depend on the seed, only which ones.
        requireTrainable(manifest, heldOut(splits, 0, validationFraction), validation.invalid().size());
    }

    private static void requireTrainable(Path manifest, boolean[] heldOut, int skipped) {
        if (heldOut.length == 0) {
            throw new InvalidDatasetException("dataset " + manifest + ": no usable file to train on (" + skipped
                    + " skipped); see 'rigshift dataset validate " + manifest + "'");
        }
        for (boolean held : heldOut) {
            if (!held) {
                return;
            }
        }
        throw new InvalidDatasetException("dataset " + manifest + ": all " + heldOut.length + " usable shapes are "
                + "held out for validation, none is left to train on; mark some rows 'train' or lower "
                + "--validation-fraction");
    }

    /**
     * Which samples are held out: those whose row says validation, and of the unassigned ones the share
     * {@code fraction} picked by a seeded permutation.
     */
    static boolean[] heldOut(List<ManifestSplit> splits, long seed, double fraction) {
        boolean[] held = new boolean[splits.size()];
        List<Integer> seeded = new ArrayList<>();
        for (int i = 0; i < held.length; i++) {
            held[i] = splits.get(i) == ManifestSplit.VALIDATION;
            if (splits.get(i) == ManifestSplit.SEEDED) {
                seeded.add(i);
            }
        }
        int[] order = EpochOrder.permutation(seeded.size(), seed);
        for (int i = 0, count = validationCount(seeded.size(), fraction); i < count; i++) {
            held[seeded.get(order[i])] = true;
        }
        return held;
    }

    /** Samples held out of {@code samples}: the fraction rounded, at least one of two or more, never all. */
    static int validationCount(int samples, double fraction) {
        if (samples < 2 || fraction <= 0) {
            return 0;
        }
        return (int) Math.min(samples - 1, Math.max(1, Math.round(samples * fraction)));
    }

    public Vocabulary vocabulary() {
        return vocabulary;
    }

    public List<? extends CaptionedSample> train() {
        return train;
    }

    public List<? extends CaptionedSample> validation() {
        return validation;
    }

    public List<? extends CaptionedSample> novel() {
        return novel;
    }

    /** Warnings about the data, such as "skipping FILE: reason" per invalid file left out; empty when none. */
    public List<String> warnings() {
        return warnings;
    }

    /**
     * The set the trainer reads. Procedural shapes (exact, fast inside tests) get fresh points at
     * every step, so the network never memorises a fixed point set; meshes (a winding number per
     * point is slow) get a pool of {@code pointsPerShape} points each, precomputed once.
     */
    public OccupancyTrainingSet trainingSet(TextFeatures text) {
        List<OccupancyField> fields = train.stream().map(CaptionedSample::field).toList();
        OccupancySampler sampler = new OccupancySampler();
        OccupancySamples samples = pointsPerShape == FRESH_POINTS ? null
                : OccupancySamples.precompute(fields, pointsPerShape, sampler, seed);
        float[][] words = new float[train.size()][text.width()];
        for (int i = 0; i < train.size(); i++) {
            text.write(train.get(i).caption(), words[i], 0);
        }
        return new OccupancyTrainingSet() {
            @Override
            public int size() {
                return words.length;
            }

            @Override
            public int textFeatures() {
                return text.width();
            }

            @Override
            public void words(int index, float[] target, int offset) {
                System.arraycopy(words[index], 0, target, offset, words[index].length);
            }

            @Override
            public void points(int index, SplittableRandom random, float[] xyz, float[] labels, int first,
                    int count) {
                if (samples == null) {
                    sampler.sample(fields.get(index), count, random, xyz, labels, first);
                } else {
                    samples.draw(index, count, random, xyz, labels, first);
                }
            }
        };
    }
}
