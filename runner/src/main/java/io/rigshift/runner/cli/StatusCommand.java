package io.rigshift.runner.cli;

import io.rigshift.jobs.api.output.OutputFormat;
import io.rigshift.jobs.api.output.JsonOutput;
import io.rigshift.jobs.api.output.TextTable;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.rigshift.runner.training.JobRun;
import io.rigshift.runner.training.RunKeys;
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
@Command(name = "status",
        description = "Shows one job execution: its steps with status and counts, the last loss, and where its "
                + "artifacts are.")
public class StatusCommand implements Callable<Integer> {

    @Mixin
    HomeOptions homeOptions;

    @Mixin
    ServerOptions serverOptions;

    @Parameters(index = "0", paramLabel = "JOB", description = "Job execution id, as listed by 'rigshift jobs'.")
    long jobId;

    @Option(names = "--format", defaultValue = "table", paramLabel = "table|json", description = "table (default) or json.")
    OutputFormat format;

    @Spec
    CommandSpec spec;

    /** The JSON shape of {@code status}. */
    public record StatusView(@JsonProperty("job") JobView job, @JsonProperty("steps") List<StepView> steps,
            @JsonProperty("last_loss") Double lastLoss, @JsonProperty("global_step") Long globalStep,
            @JsonProperty("checkpoint") String checkpoint, @JsonProperty("artifacts") String artifacts,
            @JsonProperty("metrics") java.util.Map<String, Double> metrics,
            @JsonProperty("exit_description") String exitDescription,
            @JsonProperty("stop_reason") String stopReason,
            @JsonProperty("executions") List<Long> executions) {
    }

    /** One step of the execution. */
    public record StepView(@JsonProperty("name") String name, @JsonProperty("status") String status,
            @JsonProperty("write_count") long writeCount, @JsonProperty("commit_count") long commitCount,
            @JsonProperty("start") String start, @JsonProperty("end") String end) {
    }

    /** The status of one execution, as {@code status} and the API show it. */
    public static StatusView view(org.springframework.batch.core.repository.JobRepository repository, long jobId) {
        JobExecution execution = ExecutionLookup.require(repository, jobId);
        List<Long> executions = repository.getJobExecutions(execution.getJobInstance()).stream()
                .map(JobExecution::getId).sorted().toList();
        List<StepView> steps = new ArrayList<>();
        Double lastLoss = null;
        Long globalStep = null;
        String checkpoint = null;
        for (StepExecution step : execution.getStepExecutions()) {
            steps.add(new StepView(step.getStepName(), step.getStatus().name(), step.getWriteCount(),
                    step.getCommitCount(), JobView.format(step.getStartTime()), JobView.format(step.getEndTime())));
            var context = step.getExecutionContext();
            if (context.containsKey(RunKeys.CONTEXT_LAST_LOSS)) {
                lastLoss = context.getDouble(RunKeys.CONTEXT_LAST_LOSS);
            }
            if (context.containsKey(RunKeys.CONTEXT_GLOBAL_STEP)) {
                globalStep = context.getLong(RunKeys.CONTEXT_GLOBAL_STEP);
            }
            checkpoint = context.getString(RunKeys.CONTEXT_CHECKPOINT, checkpoint);
        }
        return new StatusView(
                JobView.of(execution, ExecutionLiveness.staleReason(execution, Clock.systemUTC())), steps, lastLoss,
                globalStep, checkpoint, execution.getExecutionContext().getString(RunKeys.CONTEXT_JOB_FOLDER, null),
                JobRun.metrics(execution), blankToNull(execution.getExitStatus().getExitDescription()),
                execution.getExecutionContext().getString(RunKeys.CONTEXT_STOP_REASON, null), executions);
    }

    @Override
    public Integer call() throws Exception {
        StatusView view;
        var client = serverOptions.client();
        if (client.isPresent()) {
            view = client.get().convert(client.get().get("/api/v1/jobs/" + jobId), StatusView.class);
        } else {
            try (Store store = homeOptions.openStoreForReading()) {
                view = view(JobRepositories.jdbc(store), jobId);
            }
        }
        List<StepView> steps = view.steps();
        var out = spec.commandLine().getOut();
        if (format == OutputFormat.json) {
            JsonOutput.print(out, view);
        } else {
            JobView job = view.job();
            out.printf("job %d (%s%s, tenant %s): %s%s%n", job.id(), job.jobType(),
                    job.name() == null ? "" : " '" + job.name() + "'", job.tenant(), job.status(),
                    job.stale() ? " (stale: " + job.staleReason() + ")" : "");
            if (view.executions().size() > 1) {
                out.printf("executions of this job: %s (each restart metered once)%n", view.executions().stream()
                        .map(String::valueOf).collect(java.util.stream.Collectors.joining(", ")));
            }
            if (job.recoveries() != null) {
                out.printf("pool: on node %s, %d recover%s of this job before this execution%n",
                        TextTable.orDash(job.node()), job.recoveries(), job.recoveries() == 1 ? "y" : "ies");
            }
            if (view.stopReason() != null) {
                out.println("stopped: " + view.stopReason());
            } else if (view.exitDescription() != null && !"COMPLETED".equals(job.status())) {
                out.println("reason: " + view.exitDescription().lines().findFirst().orElse("")
                        .replaceFirst("^[\\w.$]+(Exception|Error): ", ""));
            }
            TextTable table = new TextTable("STEP", "STATUS", "WRITTEN", "COMMITS", "START", "END");
            for (StepView s : steps) {
                table.row(s.name(), s.status(), Long.toString(s.writeCount()), Long.toString(s.commitCount()),
                        TextTable.orDash(s.start()), TextTable.orDash(s.end()));
            }
            table.print(out);
            out.printf("last loss: %s%n", view.lastLoss() == null ? "-" : String.format("%.4f", view.lastLoss()));
            out.printf("step: %s, checkpoint: %s%n", view.globalStep() == null ? "-" : view.globalStep(),
                    TextTable.orDash(view.checkpoint()));
            view.metrics().forEach((metric, value) -> out.printf(java.util.Locale.ROOT, "%s: %.4f%n", metric, value));
            out.printf("artifacts: %s%n", TextTable.orDash(view.artifacts()));
        }
        out.flush();
        return ExitCodes.OK;
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text;
    }
}
