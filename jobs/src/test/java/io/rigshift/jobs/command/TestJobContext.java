package io.rigshift.jobs.command;

import io.rigshift.jobs.api.CheckpointCadence;
import io.rigshift.jobs.api.JobArguments;
import io.rigshift.jobs.api.JobContext;
import io.rigshift.jobs.api.JobReporter;
import io.rigshift.jobs.api.JobState;
import io.rigshift.jobs.api.StepRandom;
import io.rigshift.jobs.checkpoint.CheckpointStore;
import io.rigshift.jobs.training.DeviceAssignment;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

/** What the runner would give the job: a temp job folder, a fixed clock, state in a map. */
final class TestJobContext implements JobContext {

    private final Path folder;
    private final DeviceAssignment devices;
    private final JobArguments arguments;
    final MapState state = new MapState();
    final List<String> warnings = new CopyOnWriteArrayList<>();
    volatile boolean stop;

    TestJobContext(Path folder, DeviceAssignment devices, JobArguments arguments) {
        this.folder = folder;
        this.devices = devices;
        this.arguments = arguments;
    }

    @Override
    public long executionId() {
        return 42;
    }

    @Override
    public String tenant() {
        return "acme";
    }

    @Override
    public DeviceAssignment devices() {
        return devices;
    }

    @Override
    public JobArguments arguments() {
        return arguments;
    }

    @Override
    public StepRandom random() {
        return new StepRandom(7);
    }

    @Override
    public CheckpointCadence cadence() {
        return CheckpointCadence.defaults();
    }

    @Override
    public CheckpointStore checkpoints() {
        throw new UnsupportedOperationException("a command job checkpoints in its own program");
    }

    @Override
    public Path jobFolder() {
        return folder;
    }

    @Override
    public Path checkpointsFolder() {
        return folder.resolve("checkpoints");
    }

    @Override
    public Path artifactsFolder() {
        return folder.resolve("artifacts");
    }

    @Override
    public JobReporter reporter() {
        return new JobReporter() {
            @Override
            public void warning(String message) {
                warnings.add(message);
            }
        };
    }

    @Override
    public boolean stopRequested() {
        return stop;
    }

    @Override
    public Clock clock() {
        return Clock.fixed(Instant.parse("2026-01-02T03:04:05Z"), ZoneOffset.UTC);
    }

    @Override
    public JobState state() {
        return state;
    }

    /** The job repository's state, in memory. */
    static final class MapState implements JobState {

        private final Map<String, Object> values = new HashMap<>();

        @Override
        public Optional<String> getString(String key) {
            return Optional.ofNullable((String) values.get(key));
        }

        @Override
        public Optional<Long> getLong(String key) {
            return Optional.ofNullable((Long) values.get(key));
        }

        @Override
        public Optional<Double> getDouble(String key) {
            return Optional.ofNullable((Double) values.get(key));
        }

        @Override
        public void putString(String key, String value) {
            values.put(key, value);
        }

        @Override
        public void putLong(String key, long value) {
            values.put(key, value);
        }

        @Override
        public void putDouble(String key, double value) {
            values.put(key, value);
        }
    }
}
