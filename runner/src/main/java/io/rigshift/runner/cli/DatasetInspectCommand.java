package io.rigshift.runner.cli;

import io.rigshift.jobs.api.output.OutputFormat;
import io.rigshift.jobs.api.output.JsonOutput;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonProcessingException;
import io.rigshift.datasets.DatasetSummary;
import io.rigshift.datasets.manifest.Manifest;
import io.rigshift.datasets.shapes.ProceduralShapes;
import io.rigshift.datasets.shapes.Split;
import io.rigshift.datasets.shapes.ProceduralSplits;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code rigshift dataset inspect}: what a manifest or the procedural dataset holds. */
@Command(name = "inspect",
        description = "Prints what a dataset holds: samples per split and per category, the vocabulary size and "
                + "example captions; for a manifest, also the verdicts on its files.")
public class DatasetInspectCommand implements Callable<Integer> {

    /** Inspect generates every shape it counts: a bound keeps a typo from running for hours. */
    static final int MAX_SAMPLES = 1_000_000;


    /** Accepted like everywhere (it places the log file); this command reads no store. */
    @Mixin
    HomeOptions homeOptions;

    @Parameters(index = "0", arity = "0..1", paramLabel = "MANIFEST", description = "A manifest CSV file.")
    Path manifestFile;

    @Option(names = "--procedural", description = "The procedural dataset 'train' uses when given no --dataset.")
    boolean procedural;

    @Option(names = "--smoke", description = "With --procedural: the sizes of 'train --smoke'.")
    boolean smoke;

    @Option(names = "--samples", paramLabel = "N", description = "With --procedural: training shapes, as 'train --samples' (1 to " + MAX_SAMPLES + ").")
    Integer samples;

    @Option(names = "--seed", defaultValue = "42", paramLabel = "S",
            description = "With --procedural: the seed, as 'train --seed' (default 42).")
    long seed;

    @Option(names = "--format", defaultValue = OutputFormat.DEFAULT, paramLabel = OutputFormat.LABEL,
            description = OutputFormat.DESCRIPTION)
    OutputFormat format;

    @Spec
    CommandSpec spec;

    /** The JSON shape of {@code dataset inspect}. */
    record SummaryView(@JsonProperty("source") String source, @JsonProperty("samples") Map<String, Integer> samples,
            @JsonProperty("categories") Map<String, Integer> categories,
            @JsonProperty("composite_share") double compositeShare,
            @JsonProperty("vocabulary_size") int vocabularySize, @JsonProperty("examples") List<String> examples,
            @JsonProperty("verdicts") String verdicts) {

        static SummaryView of(DatasetSummary summary) {
            return new SummaryView(summary.source(), new TreeMap<>(summary.countsBySplit()),
                    new TreeMap<>(summary.countsByCategory()), summary.compositeShare(), summary.vocabularySize(),
                    summary.exampleCaptions(), summary.fileVerdicts().isEmpty() ? null : summary.fileVerdicts());
        }
    }

    @Override
    public Integer call() throws JsonProcessingException {
        DatasetSummary summary = summary();
        PrintWriter out = spec.commandLine().getOut();
        if (format == OutputFormat.json) {
            JsonOutput.print(out, SummaryView.of(summary));
        } else {
            summary.lines().forEach(out::println);
        }
        out.flush();
        return ExitCodes.OK;
    }

    private DatasetSummary summary() {
        if (procedural == (manifestFile != null)) {
            throw new UsageException("give either MANIFEST or --procedural"
                    + (procedural ? ", not both (got MANIFEST '" + manifestFile + "')" : ""));
        }
        if (!procedural && (smoke || samples != null)) {
            throw new UsageException((smoke ? "--smoke" : "--samples") + " only applies with --procedural");
        }
        if (procedural) {
            if (samples != null && (samples <= 0 || samples > MAX_SAMPLES)) {
                throw new UsageException("--samples must be an integer from 1 to " + MAX_SAMPLES + ", was " + samples);
            }
            ProceduralSplits splits = smoke ? ProceduralSplits.smoke(samples) : ProceduralSplits.standard(samples);
            Map<Split, Integer> counts = new LinkedHashMap<>();
            counts.put(Split.TRAIN, splits.train());
            counts.put(Split.VALIDATION, splits.validation());
            counts.put(Split.NOVEL, splits.novel());
            return DatasetSummary.ofProcedural(new ProceduralShapes(), counts, seed);
        }
        Manifest manifest = DatasetManifests.read(manifestFile);
        return DatasetSummary.ofManifest(manifest, manifest.validate());
    }
}
