package io.rigshift.datasets;

import io.rigshift.datasets.manifest.Manifest;
import io.rigshift.datasets.manifest.ManifestEntry;
import io.rigshift.datasets.manifest.ManifestValidation;
import io.rigshift.datasets.mesh.SolidFiles;
import io.rigshift.datasets.shapes.CaptionedShape;
import io.rigshift.datasets.shapes.ProceduralShapes;
import io.rigshift.datasets.shapes.Split;
import io.rigshift.datasets.text.Vocabulary;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * What a dataset holds, for {@code rigshift dataset inspect}: sample counts per split and per category, the share of
 * two-part compositions, the vocabulary size and a few example captions; for manifests, also the file verdicts.
 */
public record DatasetSummary(String source, Map<String, Integer> countsBySplit, Map<String, Integer> countsByCategory,
                             double compositeShare, int vocabularySize, List<String> exampleCaptions,
                             String fileVerdicts) {

    /** Example captions kept per summary. */
    public static final int EXAMPLES = 5;

    public DatasetSummary {
        Objects.requireNonNull(source, "source");
        countsBySplit = Map.copyOf(countsBySplit);
        countsByCategory = Map.copyOf(countsByCategory);
        exampleCaptions = List.copyOf(exampleCaptions);
        Objects.requireNonNull(fileVerdicts, "fileVerdicts");
    }

    /**
     * Summarises the procedural dataset with the given count per split; the vocabulary is the training split's.
     * Categories count primitives, a composition counting once for each of its parts.
     */
    public static DatasetSummary ofProcedural(ProceduralShapes generator, Map<Split, Integer> counts, long seed) {
        Map<String, Integer> bySplit = new LinkedHashMap<>();
        Map<String, Integer> byCategory = new TreeMap<>();
        List<String> trainingCaptions = new ArrayList<>();
        List<String> examples = new ArrayList<>();
        int composites = 0;
        int total = 0;
        for (Map.Entry<Split, Integer> split : counts.entrySet()) {
            List<CaptionedShape> shapes = generator.generate(split.getKey(), split.getValue(), seed);
            bySplit.put(split.getKey().name().toLowerCase(Locale.ROOT), shapes.size());
            for (CaptionedShape shape : shapes) {
                shape.primitives().forEach(primitive -> byCategory.merge(primitive.noun(), 1, Integer::sum));
                composites += shape.isComposite() ? 1 : 0;
                total++;
                if (split.getKey() == Split.TRAIN) {
                    trainingCaptions.add(shape.caption());
                }
                if (examples.size() < EXAMPLES) {
                    examples.add(shape.caption());
                }
            }
        }
        return new DatasetSummary("procedural (seed " + seed + ")", bySplit, byCategory,
                total == 0 ? 0 : (double) composites / total, Vocabulary.build(trainingCaptions).size(), examples, "");
    }

    /** Summarises a manifest and the verdicts on its files; categories are file types. */
    public static DatasetSummary ofManifest(Manifest manifest, ManifestValidation validation) {
        Map<String, Integer> byCategory = new TreeMap<>();
        List<String> captions = new ArrayList<>();
        for (ManifestEntry entry : manifest.entries()) {
            byCategory.merge(SolidFiles.isVoxelGrid(Path.of(entry.path())) ? "voxels" : "mesh", 1, Integer::sum);
            captions.add(entry.caption());
        }
        return new DatasetSummary("manifest " + manifest.file(), Map.of("manifest", captions.size()), byCategory, 0,
                Vocabulary.build(captions).size(), captions.subList(0, Math.min(EXAMPLES, captions.size())),
                validation.summary());
    }

    /** The summary as the lines a command prints. */
    public List<String> lines() {
        List<String> lines = new ArrayList<>();
        lines.add("source: " + source);
        lines.add("samples: " + join(countsBySplit));
        lines.add("categories: " + join(countsByCategory));
        lines.add(String.format(Locale.ROOT, "two-part compositions: %.1f%%", 100 * compositeShare));
        lines.add("vocabulary: " + vocabularySize + " tokens (including " + Vocabulary.UNKNOWN + ")");
        if (!fileVerdicts.isEmpty()) {
            lines.add("verdicts: " + fileVerdicts);
        }
        lines.add("examples:");
        exampleCaptions.forEach(caption -> lines.add("  " + caption));
        return lines;
    }

    private static String join(Map<String, Integer> counts) {
        List<String> parts = new ArrayList<>();
        new TreeMap<>(counts).forEach((name, count) -> parts.add(name + " " + count));
        return String.join(", ", parts);
    }
}
