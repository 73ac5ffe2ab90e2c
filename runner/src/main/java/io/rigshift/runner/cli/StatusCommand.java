package io.rigshift.runner.cli;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.rigshift.jobs.text3d.job.Text3dJob;
import io.rigshift.runner.batch.ExecutionLiveness;
import io.rigshift.runner.batch.JobRepositories;
import io.rigshift.runner.store.Store;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.step.StepExecution;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code rigshift status JOB}: the steps of one job execution, its last loss and its artifacts. */
@Command(name = "status", mixinStandardHelpOptions = true, versionProvider = RigshiftCommand.Version.class,
        description = "Shows one job execution: its steps with status and counts, the last loss, and where its "
                + "artifacts are.")
public class StatusCommand implements Callable<Integer> {

    @Mixin
    HomeOptions homeOptions;

    @Parameters(index = "0", paramLabel = "JOB", description = "Job execution id, as listed by 'rigshift jobs'.")
    long jobId;

    @Option(names = "--format", defaultValue = "table", paramLabel = "table|json", description = "table (default) or json.")
    OutputFormat format;

    @Spec
    CommandSpec spec;

    /** The JSON shape of {@code status}. */
    record StatusView(@JsonProperty("job") JobView job, @JsonProperty("steps") List<StepView> steps,
            @JsonProperty("last_loss") Double lastLoss, @JsonProperty("global_step") Long globalStep,
            @JsonProperty("checkpoint") String checkpoint, @JsonProperty("artifacts") String artifacts) {
    }

    /** One step of the execution. */
    record StepView(@JsonProperty("name") String name, @JsonProperty("status") String status,
            @JsonProperty("write_count") long writeCount, @JsonProperty("commit_count") long commitCount,
            @JsonProperty("start") String start, @JsonProperty("end") String end) {
    }

    @Override
    public Integer call() throws Exception {
        JobExecution execution;
        try (Store store = homeOptions.openStore()) {
            execution = ExecutionLookup.require(JobRepositories.jdbc(store), jobId);
        }
        List<StepView> steps = new ArrayList<>();
        Double lastLoss = null;
        Long globalStep = null;
        String checkpoint = null;
        for (StepExecution step : execution.getStepExecutions()) {
            steps.add(new StepView(step.getStepName(), step.getStatus().name(), step.getWriteCount(),
                    step.getCommitCount(), JobView.format(step.getStartTime()), JobView.format(step.getEndTime())));
            var context = step.getExecutionContext();
            if (step.getStepName().equals(Text3dJob.TRAIN)) {
                if (context.containsKey(Text3dJob.CONTEXT_LAST_LOSS)) {
                    lastLoss = context.getDouble(Text3dJob.CONTEXT_LAST_LOSS);
                }
                if (context.containsKey(Text3dJob.CONTEXT_GLOBAL_STEP)) {
                    globalStep = context.getLong(Text3dJob.CONTEXT_GLOBAL_STEP);
                }
                checkpoint = context.getString(Text3dJob.CONTEXT_CHECKPOINT, checkpoint);
            }
        }
        StatusView view = new StatusView(
                JobView.of(execution, ExecutionLiveness.staleReason(execution, Clock.systemUTC())), steps, lastLoss,
                globalStep, checkpoint, execution.getExecutionContext().getString(Text3dJob.CONTEXT_JOB_FOLDER, null));
        var out = spec.commandLine().getOut();
        if (format == OutputFormat.json) {
            JsonOutput.print(out, view);
        } else {
            JobView job = view.job();
            out.printf("job %d (%s, tenant %s): %s%s%n", job.id(), Text3dJob.NAME, job.tenant(), job.status(),
                    job.stale() ? " (stale: " + job.staleReason() + ")" : "");
            TextTable table = new TextTable("STEP", "STATUS", "WRITTEN", "COMMITS", "START", "END");
            for (StepView s : steps) {
                table.row(s.name(), s.status(), Long.toString(s.writeCount()), Long.toString(s.commitCount()),
                        TextTable.orDash(s.start()), TextTable.orDash(s.end()));
            }
            table.print(out);
            out.printf("last loss: %s%n", lastLoss == null ? "-" : String.format("%.4f", lastLoss));
            out.printf("step: %s, checkpoint: %s%n", globalStep == null ? "-" : globalStep, TextTable.orDash(checkpoint));
            out.printf("artifacts: %s%n", TextTable.orDash(view.artifacts()));
        }
        out.flush();
        return ExitCodes.OK;
    }
}
