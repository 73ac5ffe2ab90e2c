package io.rigshift.runner.cli;

import io.rigshift.jobs.api.output.OutputFormat;
import io.rigshift.jobs.api.output.JsonOutput;
import io.rigshift.jobs.api.output.TextTable;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.rigshift.jobs.checkpoint.CheckpointStore;
import io.rigshift.jobs.checkpoint.StoredCheckpoint;
import io.rigshift.runner.batch.JobRepositories;
import io.rigshift.runner.store.RigshiftHome;
import io.rigshift.runner.store.Store;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.springframework.batch.core.job.JobExecution;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code rigshift checkpoints JOB}: a job's checkpoints, newest first, each verified. */
@Command(name = "checkpoints",
        description = "Lists a job's checkpoints: step, epoch, time, size, and whether its checksums verify.")
public class CheckpointsCommand implements Callable<Integer> {

    @Mixin
    HomeOptions homeOptions;

    @Parameters(index = "0", paramLabel = "JOB", description = "Job execution id.")
    long jobId;

    @Option(names = "--format", defaultValue = OutputFormat.DEFAULT, paramLabel = OutputFormat.LABEL,
            description = OutputFormat.DESCRIPTION)
    OutputFormat format;

    @Spec
    CommandSpec spec;

    /** The JSON shape of one checkpoint. */
    public record CheckpointView(@JsonProperty("name") String name, @JsonProperty("step") Long step,
            @JsonProperty("epoch") Integer epoch, @JsonProperty("time") String time,
            @JsonProperty("bytes") Long bytes, @JsonProperty("verified") boolean verified,
            @JsonProperty("verdict") String verdict) {
    }

    /** The checkpoints in a job's folder, verified, oldest first. */
    public static List<CheckpointView> views(java.nio.file.Path jobFolder) {
        CheckpointStore checkpoints = new CheckpointStore(jobFolder.resolve("checkpoints"), 1, Clock.systemUTC(), "", "");
        List<CheckpointView> views = new ArrayList<>();
        for (StoredCheckpoint c : checkpoints.list()) {
            var m = c.manifest();
            views.add(new CheckpointView(c.name(), m == null ? null : m.step(), m == null ? null : m.epoch(),
                    m == null ? null : Instant.ofEpochMilli(m.createdAtMillis()).toString(),
                    m == null ? null : m.totalBytes(), c.valid(), c.verdict()));
        }
        return views;
    }

    @Override
    public Integer call() throws Exception {
        RigshiftHome home = homeOptions.home();
        JobExecution execution;
        try (Store store = homeOptions.openStoreForReading()) {
            execution = ExecutionLookup.require(JobRepositories.jdbc(store), jobId);
        }
        CheckpointStore checkpoints = new CheckpointStore(
                home.jobFolder(execution.getJobInstance().getInstanceId()).resolve("checkpoints"), 1,
                Clock.systemUTC(), "", "");
        List<CheckpointView> views = views(home.jobFolder(execution.getJobInstance().getInstanceId()));
        var out = spec.commandLine().getOut();
        if (format == OutputFormat.json) {
            JsonOutput.print(out, java.util.Map.of("job", jobId, "checkpoints", views));
        } else if (views.isEmpty()) {
            out.println("job " + jobId + " has no checkpoints in " + checkpoints.root());
        } else {
            TextTable table = new TextTable("CHECKPOINT", "STEP", "EPOCH", "TIME", "SIZE", "VERIFIED");
            for (CheckpointView v : views) {
                table.row(v.name(), v.step() == null ? "-" : v.step().toString(),
                        v.epoch() == null ? "-" : Integer.toString(v.epoch() + 1), TextTable.orDash(v.time()),
                        v.bytes() == null ? "-" : String.format("%.1f MB", v.bytes() / 1e6),
                        v.verified() ? "yes" : "NO: " + v.verdict());
            }
            table.print(out);
        }
        out.flush();
        return ExitCodes.OK;
    }
}
