package io.rigshift.runner.spec;

import io.rigshift.jobs.api.CheckpointCadence;
import io.rigshift.runner.training.DeviceChoice;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A training job as a spec file ({@code rigshift train --spec job.yaml}) describes it. Every field
 * is optional here, null or empty when not given, because flags override the file: the CLI merges
 * the two and then calls {@link #requireComplete()}. Read one with {@link JobSpecReader}.
 *
 * @param file        the spec file's path as the user gave it, for messages; null when the spec
 *                    comes from flags alone
 * @param name        a label for the run
 * @param tenant      the tenant the job runs (and is billed) for
 * @param seed        seed of data, init and order
 * @param resources   what to lease; never null ({@link Resources#NONE} when not given)
 * @param job         the job type to run and its parameters; null when not given
 * @param command     a process to run instead of a job type; empty when not given
 * @param env         environment of the job, in the file's order; empty when not given
 * @param maxRestarts how often the runner restarts a failed job
 * @param stopGrace   how long a stopping job may take before it is killed
 * @param checkpoint  the checkpoint cadence; never null ({@link Checkpoint#NONE} when not given)
 */
public record JobSpec(String file, String name, String tenant, Long seed, Resources resources, Job job,
        List<String> command, Map<String, String> env, Integer maxRestarts, Duration stopGrace,
        Checkpoint checkpoint) {

    /** Run names and tenants: 1-63 characters of a-z, 0-9 and '-', starting with a letter or digit. */
    public static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9-]{0,62}");

    /** Job type names, as {@link io.rigshift.jobs.api.JobType#name()} allows them. */
    public static final Pattern JOB_TYPE = NAME;

    /** Job parameter names, as {@link io.rigshift.jobs.api.JobParameter} allows them. */
    public static final Pattern PARAMETER = Pattern.compile("[a-z][a-z0-9-]{0,62}");

    /** Environment variable names. */
    public static final Pattern ENV_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    public JobSpec {
        requireMatch("name", name, NAME);
        requireMatch("tenant", tenant, NAME);
        resources = resources == null ? Resources.NONE : resources;
        checkpoint = checkpoint == null ? Checkpoint.NONE : checkpoint;
        command = command == null ? List.of() : List.copyOf(command);
        env = env == null ? Map.of() : ordered(env);
        env.keySet().forEach(key -> requireMatch("env name", key, ENV_NAME));
        if (job != null && !command.isEmpty()) {
            throw new IllegalArgumentException("job and command are mutually exclusive");
        }
        if (maxRestarts != null && maxRestarts < 0) {
            throw new IllegalArgumentException("max-restarts must be >= 0, was " + maxRestarts);
        }
        if (stopGrace != null && stopGrace.isNegative()) {
            throw new IllegalArgumentException("stop-grace must not be negative, was " + stopGrace);
        }
    }

    /** A spec with nothing in it but where it came from. */
    public static JobSpec empty(String file) {
        return new JobSpec(file, null, null, null, null, null, null, null, null, null, null);
    }

    /**
     * The dotted names of the required fields still missing after merging: today only
     * {@code tenant}. A job or command may be left out (the runner has a default job type).
     */
    public List<String> missing() {
        List<String> missing = new ArrayList<>();
        if (tenant == null) {
            missing.add("tenant");
        }
        return List.copyOf(missing);
    }

    /**
     * Throws {@link JobSpecException} naming the first {@link #missing()} field and the flag that
     * gives it ({@code job.yaml: missing required field 'tenant' (or give --tenant)}); returns this
     * spec when nothing is missing.
     */
    public JobSpec requireComplete() {
        List<String> missing = missing();
        if (missing.isEmpty()) {
            return this;
        }
        String field = missing.get(0);
        String flag = "--" + field;
        if (file == null) {
            throw JobSpecException.withoutFile("missing required option " + flag);
        }
        throw JobSpecException.of(file, "missing required field '" + field + "' (or give " + flag + ")");
    }

    /**
     * What to lease ({@code resources:}); each field null when not given.
     *
     * @param gpus     GPUs on one node of the pool, at least 1
     * @param gpuModel only this GPU model (A40, say)
     * @param device   auto, cpu or gpu
     * @param noWait   with gpus: fail at once (exit 3) instead of waiting in the queue
     */
    public record Resources(Integer gpus, String gpuModel, DeviceChoice device, Boolean noWait) {

        /** Nothing given. */
        public static final Resources NONE = new Resources(null, null, null, null);

        public Resources(Integer gpus, String gpuModel, DeviceChoice device) {
            this(gpus, gpuModel, device, null);
        }

        public Resources {
            if (gpus != null && gpus < 1) {
                throw new IllegalArgumentException("gpus must be >= 1, was " + gpus);
            }
            if (gpuModel != null && gpuModel.isBlank()) {
                throw new IllegalArgumentException("gpu-model must not be blank");
            }
        }
    }

    /**
     * The job type to run ({@code job:}): a name, a jar that brings it, and its parameters as text
     * (checked later against the type's declarations by {@link io.rigshift.jobs.api.JobArguments}).
     *
     * @param type   a job type name; null to take the jar's only one or the runner's default
     * @param jar    a tenant's job jar, already resolved against the spec file's folder; or null
     * @param params parameter values as text, in the file's order; never null
     */
    public record Job(String type, Path jar, Map<String, String> params) {

        public Job {
            requireMatch("job type", type, JOB_TYPE);
            params = params == null ? Map.of() : ordered(params);
            params.keySet().forEach(key -> requireMatch("parameter name", key, PARAMETER));
        }
    }

    /**
     * When to checkpoint ({@code checkpoint:}); each field null when not given.
     *
     * @param every    batches between checkpoints, at least 1
     * @param interval seconds of training between checkpoints at most, at least 1
     * @param keep     checkpoints to keep, at least 1
     */
    public record Checkpoint(Long every, Long interval, Integer keep) {

        /** Nothing given. */
        public static final Checkpoint NONE = new Checkpoint(null, null, null);

        public Checkpoint {
            if ((every != null && every < 1) || (interval != null && interval < 1) || (keep != null && keep < 1)) {
                throw new IllegalArgumentException("checkpoint every, interval and keep must be >= 1, were "
                        + every + ", " + interval + ", " + keep);
            }
        }

        /** This cadence, with {@code defaults} for what is not given. */
        public CheckpointCadence cadence(CheckpointCadence defaults) {
            return new CheckpointCadence(every != null ? every : defaults.everyBatches(),
                    interval != null ? interval : defaults.intervalSeconds(), keep != null ? keep : defaults.keep());
        }
    }

    private static void requireMatch(String what, String value, Pattern pattern) {
        if (value != null && !pattern.matcher(value).matches()) {
            throw new IllegalArgumentException(what + " '" + value + "' must match " + pattern.pattern());
        }
    }

    // Map.copyOf would lose the file's order, which the CLI shows back to the user.
    private static Map<String, String> ordered(Map<String, String> map) {
        Map<String, String> copy = new LinkedHashMap<>();
        map.forEach((key, value) -> copy.put(Objects.requireNonNull(key, "key"),
                Objects.requireNonNull(value, () -> "value of " + key)));
        return Collections.unmodifiableMap(copy);
    }
}
