package io.rigshift.jobs.text3d.job;

import io.rigshift.jobs.api.InvalidJobParameterException;
import io.rigshift.jobs.api.JobArguments;
import io.rigshift.jobs.api.JobCommandSupport;
import io.rigshift.jobs.api.JobParameter;
import io.rigshift.jobs.api.JobPhase;
import io.rigshift.jobs.api.JobType;
import io.rigshift.jobs.text3d.cli.EvaluateCommand;
import io.rigshift.jobs.text3d.Text3dWorkload;
import io.rigshift.jobs.training.Precision;
import io.rigshift.jobs.text3d.cli.PredictCommand;
import java.nio.file.Files;
import java.nio.file.Path;
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
    public static final String VALIDATION_FRACTION = "validation-fraction";
    public static final String PRECISION = "precision";

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
                        .optOptional().optRange(1, 1_000_000),
                JobParameter.path(DATASET, "Train on a manifest (caption,path) of OBJ/binvox files.").optOptional(),
                JobParameter.flag(SKIP_INVALID, "With dataset: skip invalid files with a warning instead of failing."),
                JobParameter.decimal(VALIDATION_FRACTION, "With dataset: share of the rows without a split column "
                        + "held out for validation, chosen by the seed, from 0 to 0.9 (default 0.1; at least one "
                        + "shape of two or more).").optOptional(),
                JobParameter.choice(PRECISION, List.of("fp32", "bf16"), "Arithmetic of the decoder in training: fp32 "
                        + "(default) or bf16 (needs a CPU with avx512_bf16 or amx_bf16, or a CUDA device; evaluation "
                        + "stays fp32).").optOptional());
    }

    /**
     * Besides the parameters' own checks, reads the manifest and validates its files: a dataset that cannot train
     * (unreadable, unusable files without skip-invalid, no shape left to train on) is refused before a job is
     * created or a device leased.
     */
    @Override
    public void validate(JobArguments arguments) {
        for (String datasetOnly : List.of(SKIP_INVALID, VALIDATION_FRACTION)) {
            boolean given = datasetOnly.equals(SKIP_INVALID) ? arguments.getFlag(SKIP_INVALID) : arguments.has(datasetOnly);
            if (given && !arguments.has(DATASET)) {
                throw new InvalidJobParameterException("parameter " + datasetOnly + " only applies with dataset "
                        + "(--dataset MANIFEST)");
            }
        }
        double fraction = validationFraction(arguments);
        if (!(fraction >= 0 && fraction <= Text3dWorkload.MAX_VALIDATION_FRACTION)) {
            throw new InvalidJobParameterException("parameter " + VALIDATION_FRACTION + "='"
                    + arguments.asText().get(VALIDATION_FRACTION) + "' is not valid: expected a number from 0 to "
                    + Text3dWorkload.MAX_VALIDATION_FRACTION);
        }
        arguments.optString(DATASET).ifPresent(dataset -> {
            if (!Files.isRegularFile(Path.of(dataset))) {
                throw new InvalidJobParameterException("--dataset '" + dataset + "' is not a readable manifest file");
            }
            Text3dWorkload.checkTrainable(Path.of(dataset), arguments.getFlag(SKIP_INVALID), fraction);
        });
    }

    /** The precision given, or fp32. */
    static Precision precision(JobArguments arguments) {
        return arguments.optString(PRECISION).map(Precision::parse).orElse(Precision.FP32);
    }

    /** The validation-fraction given, or the default. */
    static double validationFraction(JobArguments arguments) {
        return arguments.has(VALIDATION_FRACTION) ? arguments.getDouble(VALIDATION_FRACTION)
                : Text3dWorkload.DEFAULT_VALIDATION_FRACTION;
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
