package io.rigshift.jobs.text3d.job;

/** Names of the sample text-to-3D job, its steps and its parameters. */
public final class Text3dJob {

    public static final String NAME = "text3d-train";

    public static final String PREPARE_DATA = "prepare-data";
    public static final String TRAIN = "train";
    public static final String EVALUATE = "evaluate";
    public static final String EXPORT = "export";

    /** Job parameters (identifying: a new value is a new job instance). */
    public static final String TENANT = "tenant";
    public static final String SEED = "seed";
    public static final String EPOCHS = "epochs";
    public static final String BATCH_SIZE = "batch-size";
    public static final String SAMPLES = "samples";
    public static final String SMOKE = "smoke";
    public static final String DATASET = "dataset";
    public static final String SKIP_INVALID = "skip-invalid";
    public static final String DEVICE_REQUEST = "device";
    public static final String CHECKPOINT_EVERY = "checkpoint-every";
    public static final String CHECKPOINT_INTERVAL = "checkpoint-interval-s";
    public static final String KEEP = "keep";
    public static final String RUN_ID = "run.id";
    /** Non-identifying: what the run asked of the pool, asked again on resume. */
    public static final String GPUS = "gpus";
    public static final String GPU_MODEL = "gpu-model";

    /** Execution-context keys. */
    public static final String CONTEXT_DEVICE = "device";
    public static final String CONTEXT_JOB_FOLDER = "job.folder";
    public static final String CONTEXT_LAST_LOSS = "loss.last";
    public static final String CONTEXT_FIRST_LOSS = "loss.first";
    public static final String CONTEXT_CHECKPOINT = "checkpoint";
    public static final String CONTEXT_GLOBAL_STEP = "step.global";
    public static final String CONTEXT_OWNER_HOST = "owner.host";
    public static final String CONTEXT_OWNER_PID = "owner.pid";

    private Text3dJob() {
    }
}
