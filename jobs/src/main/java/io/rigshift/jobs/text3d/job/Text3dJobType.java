package io.rigshift.jobs.text3d.job;

import io.rigshift.jobs.api.InvalidJobParameterException;
import io.rigshift.jobs.api.JobArguments;
import io.rigshift.jobs.api.JobCommandSupport;
import io.rigshift.jobs.api.JobParameter;
import io.rigshift.jobs.api.JobPhase;
import io.rigshift.jobs.api.JobType;
import io.rigshift.jobs.text3d.cli.EvaluateCommand;
import io.rigshift.jobs.text3d.cli.PredictCommand;
import java.util.List;

/**
 * The sample job, {@code text3d}: learns 3-D shapes from captions. Phases: prepare-data -> train ->
 * evaluate -> export, on procedural captioned shapes or on the user's own meshes.
 */
public final class Text3dJobType implements JobType {

    public static final String NAME = "text3d";

    /** Parameters. */
    public static final String SMOKE = "smoke";
    public static final String EPOCHS = "epochs";
    public static final String BATCH_SIZE = "batch-size";
    public static final String SAMPLES = "samples";
    public static final String DATASET = "dataset";
    public static final String SKIP_INVALID = "skip-invalid";

    /** Phases. */
    public static final String PREPARE_DATA = "prepare-data";
    public static final String TRAIN = "train";
    public static final String EVALUATE = "evaluate";
    public static final String EXPORT = "export";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "The sample text-to-3D model: a text-conditioned occupancy network trained on captioned shapes "
                + "(procedural, or a manifest of your meshes)";
    }

    @Override
    public List<JobParameter> parameters() {
        return List.of(
                JobParameter.flag(SMOKE, "A tiny run of the whole job in seconds (for testers)."),
                JobParameter.integer(EPOCHS, "Passes over the training shapes (default: 26, smoke 4).")
                        .optOptional().optRange(1, 100_000),
                JobParameter.integer(BATCH_SIZE, "Captioned shapes per batch (default: 64, smoke 16).")
                        .optOptional().optRange(1, 65_536),
                JobParameter.integer(SAMPLES, "Procedural training shapes to generate (default: 16384, smoke 96).")
                        .optOptional().optRange(1, 10_000_000),
                JobParameter.path(DATASET, "Train on a manifest (caption,path) of OBJ/binvox files.").optOptional(),
                JobParameter.flag(SKIP_INVALID, "With dataset: skip invalid files with a warning instead of failing."));
    }

    @Override
    public void validate(JobArguments arguments) {
        if (arguments.getFlag(SKIP_INVALID) && !arguments.has(DATASET)) {
            throw new InvalidJobParameterException("parameter skip-invalid only applies with dataset (--dataset MANIFEST)");
        }
        arguments.optString(DATASET).ifPresent(dataset -> {
            if (!java.nio.file.Files.isRegularFile(java.nio.file.Path.of(dataset))) {
                throw new InvalidJobParameterException("--dataset '" + dataset + "' is not a readable manifest file");
            }
        });
    }

    @Override
    public List<JobPhase> phases() {
        WorkloadSource workloads = new WorkloadSource();
        return List.of(new PrepareDataPhase(workloads), new TrainPhase(workloads), new EvaluatePhase(workloads),
                new ExportPhase(workloads));
    }

    @Override
    public List<Object> commands(JobCommandSupport support) {
        return List.of(new EvaluateCommand(support), new PredictCommand(support));
    }
}
