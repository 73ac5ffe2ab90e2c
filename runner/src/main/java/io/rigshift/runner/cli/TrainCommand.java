package io.rigshift.runner.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.rigshift.jobs.api.CheckpointCadence;
import io.rigshift.jobs.api.InvalidJobParameterException;
import io.rigshift.jobs.api.JobArguments;
import io.rigshift.jobs.api.JobParameter;
import io.rigshift.jobs.api.JobType;
import io.rigshift.runner.spec.JobSpec;
import io.rigshift.runner.spec.JobSpecReader;
import io.rigshift.runner.store.RigshiftHome;
import io.rigshift.runner.store.Store;
import io.rigshift.runner.training.DeviceAllocation;
import io.rigshift.runner.training.DeviceChoice;
import io.rigshift.runner.training.JobTypeCatalog;
import io.rigshift.runner.training.RunKeys;
import io.rigshift.runner.training.RunLifecycle;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.regex.Pattern;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.job.parameters.JobParametersBuilder;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code rigshift train}: runs a training job for a tenant here: the sample ({@code text3d}), a
 * job type from a tenant's jar ({@code --job-jar}), or any command ({@code -- python3 train.py}).
 * Every flag has its field in a spec file ({@code --spec job.yaml}); flags override the file.
 */
@Command(name = "train",
        description = {"Runs a training job for a tenant, checkpointing between batches: the sample text-to-3D job "
                + "(default), a job type of your own jar (--job-jar J --job NAME --param k=v), or any command "
                + "after '--' (e.g. -- python3 train.py), which gets CUDA_VISIBLE_DEVICES, RIGSHIFT_CHECKPOINT_DIR, "
                + "RIGSHIFT_ARTIFACTS_DIR, RIGSHIFT_JOB_ID and RIGSHIFT_TENANT.",
            "See 'rigshift job-types' for the job types and their parameters."})
public class TrainCommand implements Callable<Integer> {

    static final Pattern TENANT = Pattern.compile("[a-z0-9][a-z0-9-]{0,62}");
    static final String COMMAND_TYPE = "command";

    @Mixin
    HomeOptions homeOptions;

    @Option(names = "--spec", paramLabel = "FILE", description = "A job spec (YAML); flags override its fields.")
    Path specFile;

    @Option(names = "--tenant", paramLabel = "TENANT",
            description = "Tenant the job runs (and is billed) for: [a-z0-9][a-z0-9-]{0,62}.")
    String tenant;

    @Option(names = "--name", paramLabel = "NAME", description = "A label for the run.")
    String name;

    @Option(names = "--job", paramLabel = "NAME", description = "Job type (default text3d; 'rigshift job-types' lists them).")
    String jobType;

    @Option(names = "--job-jar", paramLabel = "JAR", description = "A jar with your own job types (ServiceLoader).")
    Path jobJar;

    @Option(names = "--param", paramLabel = "KEY=VALUE", description = "A job parameter (repeatable).")
    Map<String, String> params = new LinkedHashMap<>();

    @Option(names = "--env", paramLabel = "NAME=VALUE", description = "With a command: an environment variable (repeatable).")
    Map<String, String> env = new LinkedHashMap<>();

    @Option(names = "--max-restarts", paramLabel = "N", description = "Restart a failed job up to N times (default 0).")
    Integer maxRestarts;

    @Option(names = "--stop-grace", paramLabel = "SECONDS",
            description = "With a command: SIGTERM, then SIGKILL after this many seconds (default 60).")
    Integer stopGrace;

    @Option(names = "--smoke", description = "text3d: a tiny run of the whole job on CPU in seconds (for testers).")
    Boolean smoke;

    @Option(names = "--device", paramLabel = "auto|cpu|gpu",
            description = "auto: a GPU when there is one, else CPU (default); cpu; gpu (fails without CUDA).")
    DeviceChoice device;

    @Option(names = "--epochs", paramLabel = "N", description = "text3d: passes over the training shapes.")
    Integer epochs;

    @Option(names = "--batch-size", paramLabel = "N", description = "text3d: captioned shapes per batch.")
    Integer batchSize;

    @Option(names = "--samples", paramLabel = "N", description = "text3d: training shapes to generate.")
    Integer samples;

    @Option(names = "--seed", paramLabel = "N", description = "Seed of data, init and order (default 42).")
    Long seed;

    @Option(names = "--dataset", paramLabel = "MANIFEST", description = "text3d: train on a manifest (caption,path) of OBJ/binvox files.")
    Path dataset;

    @Option(names = "--skip-invalid", description = "text3d, with --dataset: skip invalid files with a warning instead of failing.")
    Boolean skipInvalid;

    @Option(names = "--validation-fraction", paramLabel = "F", description = "text3d, with --dataset: share of the rows held out for validation, 0 to 0.9 (default 0.1).")
    String validationFraction;

    @Option(names = "--checkpoint-every", paramLabel = "BATCHES",
            description = "Checkpoint every N batches (default 200), and at each epoch end.")
    Long checkpointEvery;

    @Option(names = "--checkpoint-interval", paramLabel = "SECONDS",
            description = "Checkpoint at least every N seconds of training (default 300).")
    Long checkpointInterval;

    @Option(names = "--keep", paramLabel = "N", description = "Checkpoints to keep (default 3).")
    Integer keep;

    @Option(names = "--gpus", paramLabel = "N", description = "Lease N GPUs on one node of the pool (waits in the queue).")
    Integer gpus;

    @Option(names = "--gpu-model", paramLabel = "MODEL", description = "With --gpus: only this GPU model (e.g. A40).")
    String gpuModel;

    @Option(names = "--no-wait", description = "With --gpus: exit 3 at once when the pool has no capacity.")
    boolean noWait;

    /** Set by {@code rigshift serve} when it starts a job for an API request, to find the execution. */
    @Option(names = "--run-id", hidden = true, paramLabel = "UUID")
    String runId;

    @Parameters(paramLabel = "COMMAND", arity = "0..*",
            description = "After '--': the program to run and its arguments (a command job).")
    List<String> command = new ArrayList<>();

    @Mixin
    ServerOptions serverOptions;


    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws InterruptedException {
        JobSpec file = readSpec();
        var client = serverOptions.client();
        if (client.isPresent()) {
            return submit(client.get(), file);
        }
        Resolved run = resolve(file);
        RigshiftHome home = homeOptions.home().ensureExists();
        try (Store store = homeOptions.openStore()) {
            DeviceAllocation.Request request = new DeviceAllocation.Request(run.tenant, run.device, run.gpus,
                    run.gpuModel, run.noWait, run.type.name());
            PrintWriter out = spec.commandLine().getOut();
            Thread.currentThread().setContextClassLoader(run.catalog.loader());
            return RunLifecycle.run(home, store, run.type, request, run.maxRestarts, out,
                    context -> context.operator().start(context.job(), run.parameters));
        }
    }

    /** The spec file given with {@code --spec}, or an empty spec. */
    JobSpec readSpec() {
        return specFile == null ? JobSpec.empty(null) : new JobSpecReader().read(specFile);
    }

    /** Everything the run needs, flags over the spec file over defaults, checked before anything is leased. */
    record Resolved(String tenant, JobType type, JobTypeCatalog.Loaded catalog, DeviceChoice device,
            Integer gpus, String gpuModel, boolean noWait, int maxRestarts, JobParameters parameters) {
    }

    Resolved resolve(JobSpec file) {
        String tenantName = tenant != null ? tenant : file.tenant();
        if (tenantName == null) {
            throw new UsageException("missing required option --tenant" + (file.file() == null ? ""
                    : " (or the field 'tenant' in " + file.file() + ")"));
        }
        if (!TENANT.matcher(tenantName).matches()) {
            throw new UsageException("--tenant '" + tenantName + "' is not a valid tenant: expected 1-63 characters of "
                    + "a-z, 0-9 and '-', starting with a letter or digit");
        }
        List<String> argv = !command.isEmpty() ? command : file.command();
        Path jar = jobJar != null ? jobJar : file.job() == null ? null : file.job().jar();
        String typeName = jobType != null ? jobType : file.job() != null && file.job().type() != null ? file.job().type()
                : !argv.isEmpty() ? COMMAND_TYPE : JobTypeCatalog.DEFAULT_TYPE;
        if (!argv.isEmpty() && !typeName.equals(COMMAND_TYPE)) {
            throw new UsageException("a command (" + String.join(" ", argv) + ") runs as job type command, not --job "
                    + typeName + ": give one or the other");
        }
        JobTypeCatalog.Loaded catalog = jar == null ? JobTypeCatalog.builtIn() : JobTypeCatalog.withJar(jar);
        JobType type = catalog.types().require(typeName);

        Map<String, String> given = new LinkedHashMap<>();
        if (file.job() != null) {
            given.putAll(file.job().params());
        }
        given.putAll(params);
        legacy(type, given, "--smoke", "smoke", smoke);
        legacy(type, given, "--epochs", "epochs", epochs);
        legacy(type, given, "--batch-size", "batch-size", batchSize);
        legacy(type, given, "--samples", "samples", samples);
        legacy(type, given, "--dataset", "dataset", dataset == null ? null : dataset.toAbsolutePath().normalize());
        legacy(type, given, "--skip-invalid", "skip-invalid", skipInvalid);
        legacy(type, given, "--validation-fraction", "validation-fraction", validationFraction);
        Map<String, String> environment = new LinkedHashMap<>(file.env());
        environment.putAll(env);
        Integer grace = stopGrace != null ? stopGrace
                : file.stopGrace() == null ? null : Math.toIntExact(file.stopGrace().toSeconds());
        if (type.name().equals(COMMAND_TYPE)) {
            if (argv.isEmpty() && !given.containsKey("command")) {
                throw new UsageException("job type command needs the program to run: rigshift train --tenant T -- "
                        + "python3 train.py");
            }
            if (!argv.isEmpty()) {
                given.put("command", json(argv));
            }
            if (!environment.isEmpty()) {
                given.put("env", json(environment));
            }
            if (grace != null) {
                given.put("stop-grace", Integer.toString(grace));
            }
        } else if (!environment.isEmpty() || grace != null) {
            throw new UsageException((environment.isEmpty() ? "--stop-grace" : "--env") + " only applies to a command "
                    + "job (after '--'); job type " + type.name() + " runs in the runner's own process");
        }
        JobArguments arguments = JobArguments.resolve(type.name(), type.parameters(), given);
        type.validate(arguments);

        Integer gpuCount = gpus != null ? gpus : file.resources().gpus();
        String model = gpuModel != null ? gpuModel : file.resources().gpuModel();
        DeviceChoice choice = device != null ? device : file.resources().device() != null ? file.resources().device()
                : DeviceChoice.auto;
        boolean immediate = noWait || Boolean.TRUE.equals(file.resources().noWait());
        requirePositive("--gpus", gpuCount);
        if ((model != null || immediate) && gpuCount == null) {
            throw new UsageException((model != null ? "--gpu-model" : "--no-wait") + " only applies with --gpus N");
        }
        if (gpuCount != null && choice == DeviceChoice.cpu) {
            throw new UsageException("--gpus " + gpuCount + " cannot run with --device cpu");
        }
        CheckpointCadence cadence = file.checkpoint().cadence(CheckpointCadence.defaults());
        long every = checkpointEvery != null ? checkpointEvery : cadence.everyBatches();
        long interval = checkpointInterval != null ? checkpointInterval : cadence.intervalSeconds();
        int retained = keep != null ? keep : cadence.keep();
        requirePositive("--checkpoint-every", every);
        requirePositive("--checkpoint-interval", interval);
        requirePositive("--keep", retained);
        int restarts = maxRestarts != null ? maxRestarts : file.maxRestarts() == null ? 0 : file.maxRestarts();
        if (restarts < 0 || restarts > 100) {
            throw new UsageException("--max-restarts must be from 0 to 100, was " + restarts);
        }
        String label = name != null ? name : file.name();
        if (label != null && !TENANT.matcher(label).matches()) {
            throw new UsageException("--name '" + label + "' is not a valid name: expected 1-63 characters of "
                    + "a-z, 0-9 and '-', starting with a letter or digit");
        }

        JobParametersBuilder builder = new JobParametersBuilder()
                .addString(RunKeys.TENANT, tenantName)
                .addLong(RunKeys.SEED, seed != null ? seed : file.seed() != null ? file.seed() : 42L)
                .addString(RunKeys.DEVICE_REQUEST, choice.name())
                .addLong(RunKeys.CHECKPOINT_EVERY, every)
                .addLong(RunKeys.CHECKPOINT_INTERVAL, interval)
                .addLong(RunKeys.CHECKPOINT_KEEP, (long) retained)
                .addString(RunKeys.RUN_ID, runId != null ? runId : UUID.randomUUID().toString())
                .addLong(RunKeys.MAX_RESTARTS, (long) restarts, false);
        arguments.asText().forEach((key, value) -> builder.addString(RunKeys.PARAM_PREFIX + key, value));
        if (label != null) {
            builder.addString(RunKeys.NAME, label, false);
        }
        if (gpuCount != null) {
            builder.addLong(RunKeys.GPUS, gpuCount.longValue(), false);
        }
        if (model != null) {
            builder.addString(RunKeys.GPU_MODEL, model, false);
        }
        catalog.jar().ifPresent(j -> builder.addString(RunKeys.JOB_JAR, j.toString(), false));
        catalog.sha256().ifPresent(h -> builder.addString(RunKeys.JOB_JAR_SHA256, h, false));
        return new Resolved(tenantName, type, catalog, choice, gpuCount, model, immediate, restarts,
                builder.toJobParameters());
    }

    /**
     * Sends the job to a server ({@code --server}): the spec file with the flags over it, as the
     * API's JSON spec; the server runs it as its own {@code rigshift train} would.
     */
    private int submit(io.rigshift.runner.api.ApiClient client, JobSpec file) {
        long id = client.post("/api/v1/jobs", specBody(file)).path("id").asLong();
        PrintWriter out = spec.commandLine().getOut();
        out.println("job " + id + " started on the server; follow it with: rigshift logs " + id + " --follow --server URL");
        out.flush();
        return ExitCodes.OK;
    }

    /** The job as the API's JSON spec: the spec file with the flags over it. */
    Map<String, Object> specBody(JobSpec file) {
        if (jobJar != null || (file.job() != null && file.job().jar() != null) || dataset != null) {
            throw new UsageException("--job-jar and --dataset name files on this machine: they cannot be sent with "
                    + "--server");
        }
        if (noWait && gpus == null && file.resources().gpus() == null) {
            throw new UsageException("--no-wait only applies with --gpus N");
        }
        Map<String, Object> body = new LinkedHashMap<>();
        putIf(body, "name", name != null ? name : file.name());
        putIf(body, "tenant", tenant != null ? tenant : file.tenant());
        putIf(body, "seed", seed != null ? seed : file.seed());
        // (Each value stays boxed: a missing one is left out of the request.)
        Map<String, Object> resources = new LinkedHashMap<>();
        putIf(resources, "gpus", gpus != null ? gpus : file.resources().gpus());
        putIf(resources, "gpu-model", gpuModel != null ? gpuModel : file.resources().gpuModel());
        putIf(resources, "device", device != null ? device.name()
                : file.resources().device() == null ? null : file.resources().device().name());
        putIf(resources, "no-wait", noWait || Boolean.TRUE.equals(file.resources().noWait()) ? Boolean.TRUE : null);
        if (!resources.isEmpty()) {
            body.put("resources", resources);
        }
        List<String> argv = !command.isEmpty() ? command : file.command();
        Map<String, String> params = new LinkedHashMap<>(file.job() == null ? Map.of() : file.job().params());
        params.putAll(this.params);
        putIf(params, "smoke", smoke == null ? null : smoke.toString());
        putIf(params, "epochs", epochs == null ? null : epochs.toString());
        putIf(params, "batch-size", batchSize == null ? null : batchSize.toString());
        putIf(params, "samples", samples == null ? null : samples.toString());
        putIf(params, "skip-invalid", skipInvalid == null ? null : skipInvalid.toString());
        String type = jobType != null ? jobType : file.job() != null ? file.job().type() : null;
        if (!argv.isEmpty()) {
            if (type != null && !type.equals(COMMAND_TYPE) || !params.isEmpty()) {
                throw new UsageException("a command runs as job type command: --job and --param do not apply to it");
            }
            body.put("command", argv);
        } else if (type != null || !params.isEmpty()) {
            Map<String, Object> job = new LinkedHashMap<>();
            putIf(job, "type", type);
            if (!params.isEmpty()) {
                job.put("params", params);
            }
            body.put("job", job);
        }
        Map<String, String> environment = new LinkedHashMap<>(file.env());
        environment.putAll(env);
        if (!environment.isEmpty()) {
            body.put("env", environment);
        }
        putIf(body, "max-restarts", maxRestarts != null ? maxRestarts : file.maxRestarts());
        Long grace = stopGrace != null ? Long.valueOf(stopGrace)
                : file.stopGrace() == null ? null : Long.valueOf(file.stopGrace().toSeconds());
        putIf(body, "stop-grace", grace);
        Map<String, Object> checkpoint = new LinkedHashMap<>();
        putIf(checkpoint, "every", checkpointEvery != null ? checkpointEvery : file.checkpoint().every());
        putIf(checkpoint, "interval", checkpointInterval != null ? checkpointInterval : file.checkpoint().interval());
        putIf(checkpoint, "keep", keep != null ? keep : file.checkpoint().keep());
        if (!checkpoint.isEmpty()) {
            body.put("checkpoint", checkpoint);
        }
        return body;
    }

    private static <V> void putIf(Map<String, V> map, String key, V value) {
        if (value != null) {
            map.put(key, value);
        }
    }

    /** A flag of the sample job, accepted for any job type that declares the same parameter. */
    private static void legacy(JobType type, Map<String, String> given, String flag, String parameter, Object value) {
        if (value == null) {
            return;
        }
        boolean declared = type.parameters().stream().map(JobParameter::name).anyMatch(parameter::equals);
        if (!declared) {
            throw new InvalidJobParameterException(flag + " does not apply to job type " + type.name()
                    + " (its parameters: " + String.join(", ", type.parameters().stream().map(JobParameter::name).toList())
                    + ")");
        }
        if (value instanceof Number n && n.longValue() <= 0) {
            throw new UsageException(flag + " must be a positive integer, was " + value);
        }
        given.put(parameter, value.toString());
    }

    private static String json(Object value) {
        try {
            return new ObjectMapper().writeValueAsString(value);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void requirePositive(String option, Number value) {
        if (value != null && value.longValue() <= 0) {
            throw new UsageException(option + " must be a positive integer, was " + value);
        }
    }
}
