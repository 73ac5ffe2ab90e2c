package io.rigshift.runner.training;

import io.rigshift.jobs.api.CheckpointCadence;
import io.rigshift.jobs.api.JobArguments;
import io.rigshift.jobs.api.JobContext;
import io.rigshift.jobs.api.JobReporter;
import io.rigshift.jobs.api.JobState;
import io.rigshift.jobs.api.StepRandom;
import io.rigshift.jobs.checkpoint.CheckpointStore;
import io.rigshift.jobs.training.DeviceAssignment;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.parameters.JobParameter;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.infrastructure.item.ExecutionContext;

/** The runner's {@link JobContext} for one job execution in this process. */
final class RunningJob implements JobContext {

    private final RunEnvironment environment;
    private final JobExecution execution;
    private final JobArguments arguments;
    private final CheckpointCadence cadence;
    private final Path folder;
    private final ExecutionState state;
    private CheckpointStore checkpoints;

    RunningJob(RunEnvironment environment, JobExecution execution) {
        this.environment = environment;
        this.execution = execution;
        JobParameters parameters = execution.getJobParameters();
        this.arguments = arguments(environment.type(), parameters);
        this.cadence = new CheckpointCadence(
                longOr(parameters, RunKeys.CHECKPOINT_EVERY, CheckpointCadence.defaults().everyBatches()),
                longOr(parameters, RunKeys.CHECKPOINT_INTERVAL, CheckpointCadence.defaults().intervalSeconds()),
                (int) longOr(parameters, RunKeys.CHECKPOINT_KEEP, CheckpointCadence.defaults().keep()));
        this.folder = environment.jobFolder(execution.getJobInstance().getInstanceId());
        this.state = new ExecutionState(execution.getExecutionContext());
        try {
            Files.createDirectories(folder);
            Files.createDirectories(artifactsFolder());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the job folder " + folder, e);
        }
    }

    /** The job type's arguments as stored in the job parameters ({@code param.<name>}). */
    static JobArguments arguments(io.rigshift.jobs.api.JobType type, JobParameters parameters) {
        Map<String, String> given = new LinkedHashMap<>();
        for (JobParameter<?> parameter : parameters) {
            if (parameter.name().startsWith(RunKeys.PARAM_PREFIX)) {
                given.put(parameter.name().substring(RunKeys.PARAM_PREFIX.length()), String.valueOf(parameter.value()));
            }
        }
        return JobArguments.resolve(type.name(), type.parameters(), given);
    }

    private static long longOr(JobParameters parameters, String name, long fallback) {
        Long value = parameters.getLong(name);
        return value == null ? fallback : value;
    }

    JobExecution execution() {
        return execution;
    }

    /** Whether the state changed since the last call (the tasklet then saves the job's context). */
    boolean takeStateChanged() {
        return state.takeChanged();
    }

    @Override
    public long executionId() {
        return execution.getId();
    }

    @Override
    public String tenant() {
        return execution.getJobParameters().getString(RunKeys.TENANT);
    }

    @Override
    public DeviceAssignment devices() {
        return environment.devices().get();
    }

    @Override
    public JobArguments arguments() {
        return arguments;
    }

    @Override
    public StepRandom random() {
        return new StepRandom(longOr(execution.getJobParameters(), RunKeys.SEED, 42));
    }

    @Override
    public CheckpointCadence cadence() {
        return cadence;
    }

    @Override
    public synchronized CheckpointStore checkpoints() {
        if (checkpoints == null) {
            checkpoints = new CheckpointStore(checkpointsFolder(), cadence.keep(), environment.clock(),
                    environment.engineVersions()[0], environment.engineVersions()[1])
                    .guardCommits(environment.commitGuard());
        }
        return checkpoints;
    }

    @Override
    public Path jobFolder() {
        return folder;
    }

    @Override
    public Path checkpointsFolder() {
        return folder.resolve(io.rigshift.jobs.api.JobFiles.CHECKPOINTS);
    }

    @Override
    public Path artifactsFolder() {
        return folder.resolve(io.rigshift.jobs.api.JobFiles.ARTIFACTS);
    }

    @Override
    public JobReporter reporter() {
        return environment.reporter();
    }

    @Override
    public boolean stopRequested() {
        return environment.stop().requested();
    }

    @Override
    public Clock clock() {
        return environment.clock();
    }

    @Override
    public JobState state() {
        return state;
    }

    /** {@link JobState} over the job execution's context, under {@code state.}. */
    private static final class ExecutionState implements JobState {

        private final ExecutionContext context;
        private volatile boolean changed;

        ExecutionState(ExecutionContext context) {
            this.context = context;
        }

        boolean takeChanged() {
            boolean was = changed;
            changed = false;
            return was;
        }

        private static String key(String key) {
            return RunKeys.CONTEXT_STATE_PREFIX + key;
        }

        @Override
        public Optional<String> getString(String key) {
            Object value = context.get(key(key));
            return Optional.ofNullable(value).map(Object::toString);
        }

        @Override
        public Optional<Long> getLong(String key) {
            Object value = context.get(key(key));
            return value instanceof Number n ? Optional.of(n.longValue()) : Optional.empty();
        }

        @Override
        public Optional<Double> getDouble(String key) {
            Object value = context.get(key(key));
            return value instanceof Number n ? Optional.of(n.doubleValue()) : Optional.empty();
        }

        @Override
        public void putString(String key, String value) {
            context.putString(key(key), value);
            changed = true;
        }

        @Override
        public void putLong(String key, long value) {
            context.putLong(key(key), value);
            changed = true;
        }

        @Override
        public void putDouble(String key, double value) {
            context.putDouble(key(key), value);
            changed = true;
        }
    }
}
