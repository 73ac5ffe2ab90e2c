package io.rigshift.runner.cli;

import io.rigshift.jobs.api.output.OutputFormat;
import io.rigshift.jobs.api.output.JsonOutput;
import io.rigshift.jobs.api.output.TextTable;
import io.rigshift.runner.batch.ExecutionLiveness;
import io.rigshift.runner.batch.JobListing;
import io.rigshift.runner.batch.JobRepositories;
import io.rigshift.runner.store.Store;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.Callable;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.repository.JobRepository;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code rigshift jobs}: one line per job execution, newest first. */
@Command(name = "jobs",
        description = "Lists job executions: id, job type, tenant, status (stale when its process died), start, end, "
                + "duration, device, last loss and metrics.")
public class JobsCommand implements Callable<Integer> {

    @Mixin
    HomeOptions homeOptions;

    @Mixin
    ServerOptions serverOptions;

    @Option(names = "--format", defaultValue = "table", paramLabel = "table|json", description = "table (default) or json.")
    OutputFormat format;

    @Option(names = "--tenant", paramLabel = "TENANT", description = "Only this tenant's jobs.")
    String tenant;

    @Option(names = "--limit", defaultValue = "100", paramLabel = "N",
            description = "The newest N executions (default 100, at most 1000).")
    int limit;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        if (limit < 1 || limit > JobListing.MAX_LIMIT) {
            throw new UsageException("--limit must be from 1 to " + JobListing.MAX_LIMIT + ", was " + limit);
        }
        List<JobView> views = new ArrayList<>();
        var client = serverOptions.client();
        if (client.isPresent()) {
            String query = "?limit=" + limit + (tenant == null ? "" : "&tenant=" + java.net.URLEncoder.encode(tenant,
                    java.nio.charset.StandardCharsets.UTF_8));
            client.get().get("/api/v1/jobs" + query).path("jobs").forEach(job -> views.add(client.get().convert(job,
                    JobView.class)));
        } else {
            try (Store store = homeOptions.openStoreForReading()) {
                JobRepository repository = JobRepositories.jdbc(store);
                for (JobExecution execution : JobListing.page(store, repository, java.util.Optional.ofNullable(tenant),
                        null, limit)) {
                    views.add(JobView.of(execution, ExecutionLiveness.staleReason(execution, Clock.systemUTC())));
                }
            }
        }
        views.sort(Comparator.comparingLong(JobView::id).reversed());
        var out = spec.commandLine().getOut();
        if (format == OutputFormat.json) {
            JsonOutput.print(out, java.util.Map.of("jobs", views));
        } else {
            TextTable table = new TextTable("ID", "TYPE", "TENANT", "STATUS", "START", "END", "DURATION", "NODE", "DEVICE",
                    "RECOVERED", "LOSS", "METRICS");
            for (JobView v : views) {
                table.row(Long.toString(v.id()), v.jobType(), v.tenant(), v.stale() ? v.status() + " (stale)" : v.status(),
                        TextTable.orDash(v.start()), TextTable.orDash(v.end()), TextTable.seconds(v.durationMillis()),
                        TextTable.orDash(v.node()), TextTable.orDash(v.device()),
                        v.recoveries() == null ? "-" : Integer.toString(v.recoveries()),
                        v.lastLoss() == null ? "-" : String.format(java.util.Locale.ROOT, "%.4f", v.lastLoss()),
                        v.metrics().isEmpty() ? "-" : v.metrics().entrySet().stream().map(m -> m.getKey() + "="
                                + String.format(java.util.Locale.ROOT, "%.3f", m.getValue()))
                                .collect(java.util.stream.Collectors.joining(" ")));
            }
            table.print(out);
        }
        out.flush();
        return ExitCodes.OK;
    }
}
