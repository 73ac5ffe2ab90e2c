package io.rigshift.jobs.text3d;

import io.rigshift.datasets.manifest.InvalidFilePolicy;
import io.rigshift.datasets.manifest.InvalidManifestException;
import io.rigshift.datasets.manifest.Manifest;
import io.rigshift.datasets.manifest.ManifestLoad;
import io.rigshift.datasets.manifest.ManifestSample;
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
import java.util.Arrays;
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

    /**
     * A user's manifest of captioned meshes, split by the seed into training and validation samples
     * (one in ten held out, at least one when there are two or more). There is no novel-combination
     * split: a manifest says nothing about which attribute combinations its captions hold.
     *
     * @param skipInvalid leave invalid files out, each with a {@linkplain #warnings() warning}, instead of failing
     * @throws InvalidDatasetException when a file is invalid and {@code skipInvalid} is false, or no file is valid
     * @throws IOException when the manifest itself cannot be read (the message names the file and the problem)
     */
    public static Text3dWorkload fromManifest(Path manifest, Text3dSettings settings, boolean skipInvalid)
            throws IOException {
        ManifestLoad load;
        try {
            load = Manifest.read(manifest).load(skipInvalid ? InvalidFilePolicy.SKIP : InvalidFilePolicy.FAIL);
        } catch (InvalidManifestException invalid) {
            throw InvalidDatasetException.of(invalid.validation());
        }
        List<String> warnings = new ArrayList<>();
        for (MeshVerdict skipped : load.skipped()) {
            warnings.add("skipping " + skipped.file() + ": " + skipped.kind() + " (" + skipped.detail() + ")");
        }
        List<ManifestSample> samples = load.samples();
        if (samples.isEmpty()) {
            throw new InvalidDatasetException("dataset " + manifest + ": no valid file left to train on ("
                    + load.skipped().size() + " skipped); see 'rigshift dataset validate " + manifest + "'");
        }
        long seed = settings.plan().seed();
        int[] order = EpochOrder.permutation(samples.size(), seed);
        // Back in manifest order, so listings and exports read like the manifest.
        int[] heldOut = Arrays.stream(order, 0, validationCount(samples.size())).sorted().toArray();
        List<ManifestSample> validation = new ArrayList<>();
        List<ManifestSample> train = new ArrayList<>();
        for (int i = 0, next = 0; i < samples.size(); i++) {
            if (next < heldOut.length && heldOut[next] == i) {
                validation.add(samples.get(i));
                next++;
            } else {
                train.add(samples.get(i));
            }
        }
        Vocabulary vocabulary = Vocabulary.withWordPairs(train.stream().map(CaptionedSample::caption).toList());
        return new Text3dWorkload(vocabulary, train, validation, List.of(), seed, settings.pointsPerShape(),
                warnings);
    }

    /** Samples held out for validation: a tenth, at least one of two or more, none of a single sample. */
    static int validationCount(int samples) {
        return samples < 2 ? 0 : Math.max(1, Math.round(samples / 10f));
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
