package io.rigshift.runner.training;

/**
 * The names the runner owns in Spring Batch's job parameters and execution contexts, whatever the
 * job type. A job's own parameters are stored as {@code param.<name>}.
 */
public final class RunKeys {

    /** Identifying job parameters: a new value is a new job instance. */
    public static final String TENANT = "tenant";
    public static final String SEED = "seed";
    public static final String DEVICE_REQUEST = "device";
    public static final String CHECKPOINT_EVERY = "checkpoint.every";
    public static final String CHECKPOINT_INTERVAL = "checkpoint.interval-s";
    public static final String CHECKPOINT_KEEP = "checkpoint.keep";
    public static final String RUN_ID = "run.id";
    public static final String PARAM_PREFIX = "param.";

    /** Non-identifying: asked again on every restart. */
    public static final String NAME = "name";
    public static final String GPUS = "gpus";
    public static final String GPU_MODEL = "gpu-model";
    public static final String JOB_JAR = "job.jar";
    public static final String JOB_JAR_SHA256 = "job.jar.sha256";
    public static final String MAX_RESTARTS = "max-restarts";
    /** Set (non-identifying, "true") on a job submitted to the pool. */
    public static final String POOL = "pool";

    /** Whether a job's parameters are those of a pool job. */
    public static boolean pooled(org.springframework.batch.core.job.parameters.JobParameters parameters) {
        return "true".equals(parameters.getString(POOL, null));
    }

    /** Job execution context. */
    public static final String CONTEXT_DEVICE = "device";
    /** The pool node the execution's devices are on (its lease's), or this host's name without a lease. */
    public static final String CONTEXT_NODE = "node";
    public static final String CONTEXT_JOB_FOLDER = "job.folder";
    public static final String CONTEXT_OWNER_HOST_ID = "owner.host-id";
    public static final String CONTEXT_OWNER_HOST = "owner.host";
    public static final String CONTEXT_OWNER_PID = "owner.pid";
    public static final String CONTEXT_OWNER_STARTED = "owner.started";
    public static final String CONTEXT_STOP_REASON = "stop.reason";
    public static final String CONTEXT_ATTEMPT = "attempt";
    /** A pool job's execution: how many times the pool had recovered the job when it placed this one. */
    public static final String CONTEXT_RECOVERIES = "pool.recoveries";
    public static final String CONTEXT_METRIC_PREFIX = "metric.";
    public static final String CONTEXT_STATE_PREFIX = "state.";

    /** Step execution context (of the phase that reported it). */
    public static final String CONTEXT_GLOBAL_STEP = "step.global";
    public static final String CONTEXT_FIRST_LOSS = "loss.first";
    public static final String CONTEXT_LAST_LOSS = "loss.last";
    public static final String CONTEXT_CHECKPOINT = "checkpoint";

    private RunKeys() {
    }
}
