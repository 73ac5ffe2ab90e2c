package io.rigshift.runner.cli;

import io.rigshift.jobs.text3d.job.Text3dJob;
import io.rigshift.runner.store.RigshiftHome;
import io.rigshift.runner.store.Store;
import io.rigshift.runner.training.DeviceAllocation;
import io.rigshift.runner.training.DeviceChoice;
import io.rigshift.runner.training.JobRun;
import io.rigshift.runner.training.TrainingLaunch;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.regex.Pattern;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.job.parameters.JobParametersBuilder;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code rigshift train}: runs the text-to-3D training job for a tenant. */
@Command(name = "train", mixinStandardHelpOptions = true, versionProvider = RigshiftCommand.Version.class,
        description = "Trains the sample text-to-3D model for a tenant: prepare-data -> train -> evaluate -> "
                + "export, checkpointing between batches.")
public class TrainCommand implements Callable<Integer> {

    static final Pattern TENANT = Pattern.compile("[a-z0-9][a-z0-9-]{0,62}");

    @Mixin
    HomeOptions homeOptions;

    @Option(names = "--tenant", required = true, paramLabel = "TENANT",
            description = "Tenant the job runs (and is billed) for: [a-z0-9][a-z0-9-]{0,62}.")
    String tenant;

    @Option(names = "--smoke", description = "A tiny run of the whole job on CPU in seconds (for testers).")
    boolean smoke;

    @Option(names = "--device", paramLabel = "auto|cpu|gpu", defaultValue = "auto",
            description = "auto: a GPU when the engine has CUDA, else CPU (default); cpu; gpu (fails without CUDA).")
    DeviceChoice device;

    @Option(names = "--epochs", paramLabel = "N", description = "Passes over the training shapes.")
    Integer epochs;

    @Option(names = "--batch-size", paramLabel = "N", description = "Captioned shapes per batch.")
    Integer batchSize;

    @Option(names = "--samples", paramLabel = "N", description = "Training shapes to generate.")
    Integer samples;

    @Option(names = "--seed", paramLabel = "N", defaultValue = "42", description = "Seed of data, init and order (default 42).")
    long seed;

    @Option(names = "--dataset", paramLabel = "MANIFEST", description = "Train on a manifest (caption,path) of OBJ/binvox files.")
    Path dataset;

    @Option(names = "--skip-invalid", description = "With --dataset: skip invalid files with a warning instead of failing.")
    boolean skipInvalid;

    @Option(names = "--checkpoint-every", paramLabel = "BATCHES", defaultValue = "200",
            description = "Checkpoint every N batches (default 200), and at each epoch end.")
    long checkpointEvery;

    @Option(names = "--checkpoint-interval", paramLabel = "SECONDS", defaultValue = "300",
            description = "Checkpoint at least every N seconds of training (default 300).")
    long checkpointInterval;

    @Option(names = "--keep", paramLabel = "N", defaultValue = "3", description = "Checkpoints to keep (default 3).")
    int keep;

    @Spec
    CommandSpec spec;

    @Option(names = "--gpus", paramLabel = "N", description = "Lease N GPUs on one node of the pool (waits in the queue).")
    Integer gpus;

    @Option(names = "--gpu-model", paramLabel = "MODEL", description = "With --gpus: only this GPU model (e.g. A40).")
    String gpuModel;

    @Option(names = "--no-wait", description = "With --gpus: exit 3 at once when the pool has no capacity.")
    boolean noWait;

    @Override
    public Integer call() throws InterruptedException {
        validate();
        RigshiftHome home = homeOptions.home().ensureExists();
        try (Store store = homeOptions.openStore()) {
            DeviceAllocation.Request request = new DeviceAllocation.Request(tenant, device, gpus, gpuModel, noWait,
                    Text3dJob.NAME);
            PrintWriter out = spec.commandLine().getOut();
            return TrainingLaunch.run(home, store, request, out,
                    context -> JobRun.start(context, parameters(), out));
        }
    }

    private void validate() {
        if (!TENANT.matcher(tenant).matches()) {
            throw new UsageException("--tenant '" + tenant + "' is not a valid tenant: expected 1-63 characters of "
                    + "a-z, 0-9 and '-', starting with a letter or digit");
        }
        requirePositive("--epochs", epochs);
        requirePositive("--batch-size", batchSize);
        requirePositive("--samples", samples);
        requirePositive("--checkpoint-every", checkpointEvery);
        requirePositive("--checkpoint-interval", checkpointInterval);
        requirePositive("--keep", (long) keep);
        if (dataset != null && !Files.isRegularFile(dataset)) {
            throw new UsageException("--dataset '" + dataset + "' is not a readable manifest file");
        }
        requirePositive("--gpus", gpus);
        if ((gpuModel != null || noWait) && gpus == null) {
            throw new UsageException((gpuModel != null ? "--gpu-model" : "--no-wait") + " only applies with --gpus N");
        }
        if (skipInvalid && dataset == null) {
            throw new UsageException("--skip-invalid only applies with --dataset MANIFEST");
        }
    }

    private static void requirePositive(String option, Number value) {
        if (value != null && value.longValue() <= 0) {
            throw new UsageException(option + " must be a positive integer, was " + value);
        }
    }

    private JobParameters parameters() {
        JobParametersBuilder builder = new JobParametersBuilder()
                .addString(Text3dJob.TENANT, tenant)
                .addLong(Text3dJob.SEED, seed)
                .addString(Text3dJob.SMOKE, Boolean.toString(smoke))
                .addString(Text3dJob.DEVICE_REQUEST, device.name())
                .addLong(Text3dJob.CHECKPOINT_EVERY, checkpointEvery)
                .addLong(Text3dJob.CHECKPOINT_INTERVAL, checkpointInterval)
                .addLong(Text3dJob.KEEP, (long) keep)
                .addString(Text3dJob.RUN_ID, UUID.randomUUID().toString());
        if (epochs != null) {
            builder.addLong(Text3dJob.EPOCHS, epochs.longValue());
        }
        if (batchSize != null) {
            builder.addLong(Text3dJob.BATCH_SIZE, batchSize.longValue());
        }
        if (samples != null) {
            builder.addLong(Text3dJob.SAMPLES, samples.longValue());
        }
        if (gpus != null) {
            builder.addLong(Text3dJob.GPUS, gpus.longValue(), false);
        }
        if (gpuModel != null) {
            builder.addString(Text3dJob.GPU_MODEL, gpuModel, false);
        }
        if (dataset != null) {
            builder.addString(Text3dJob.DATASET, dataset.toAbsolutePath().normalize().toString());
            builder.addString(Text3dJob.SKIP_INVALID, Boolean.toString(skipInvalid));
        }
        return builder.toJobParameters();
    }
}
