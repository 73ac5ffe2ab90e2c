package io.rigshift.runner.pool.cli;

import io.rigshift.runner.cli.ExitCodes;
import io.rigshift.runner.cli.HomeOptions;
import io.rigshift.jobs.api.output.JsonOutput;
import io.rigshift.jobs.api.output.OutputFormat;
import io.rigshift.jobs.api.output.TextTable;
import io.rigshift.runner.pool.LeaseTimings;
import io.rigshift.runner.pool.QueuedRequest;
import io.rigshift.runner.pool.WaitQueue;
import io.rigshift.runner.store.Store;
import java.io.PrintWriter;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code rigshift queue}: the requests waiting for GPUs, in the order they will be served. */
@Command(name = "queue",
        description = {"Show the requests waiting for GPUs with their positions.",
            "Tenants with the least GPU time in the last 24 h go first; within a tenant, first come first served."})
public class QueueCommand implements Callable<Integer> {

    @Mixin
    HomeOptions homeOptions;

    @Spec
    CommandSpec spec;

    @Option(names = "--format", defaultValue = OutputFormat.DEFAULT, paramLabel = OutputFormat.LABEL,
            description = OutputFormat.DESCRIPTION)
    OutputFormat format;

    @Override
    public Integer call() {
        Clock clock = Clock.systemUTC();
        List<QueuedRequest> queue;
        try (Store store = homeOptions.openStoreForReading()) {
            queue = new WaitQueue(store, clock, LeaseTimings.defaults()).list();
        }
        PrintWriter out = spec.commandLine().getOut();
        if (format == OutputFormat.json) {
            JsonOutput.print(out, Map.of("waiting", queue.stream().map(QueueCommand::json).toList()));
            return ExitCodes.OK;
        }
        if (queue.isEmpty()) {
            out.println("no requests waiting");
            out.flush();
            return ExitCodes.OK;
        }
        TextTable table = new TextTable("POS", "TENANT", "GPUS", "MODEL", "WAITING", "RECENT-GPU-H", "STATUS", "JOB",
                "HOLDER", "REQUEST");
        for (QueuedRequest r : queue) {
            table.row(r.position(), r.tenant(), r.gpus(), r.gpuModel().orElse("any"),
                    waited(Duration.ofMillis(Math.max(0, clock.millis() - r.enqueuedAt().toEpochMilli()))),
                    String.format(Locale.ROOT, "%.2f", r.recentGpuMillis() / 3_600_000.0),
                    r.overQuota() ? "over quota" : "waiting", r.jobLabel(), r.holder(), r.requestId());
        }
        table.print(out);
        return ExitCodes.OK;
    }

    private static String waited(Duration d) {
        if (d.toHours() > 0) {
            return d.toHours() + "h" + d.toMinutesPart() + "m";
        }
        return d.toMinutes() > 0 ? d.toMinutes() + "m" + d.toSecondsPart() + "s" : d.toSeconds() + "s";
    }

    private static Map<String, Object> json(QueuedRequest r) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("position", r.position());
        json.put("requestId", r.requestId());
        json.put("tenant", r.tenant());
        json.put("gpus", r.gpus());
        json.put("gpuModel", r.gpuModel().orElse(null));
        json.put("jobLabel", r.jobLabel());
        json.put("holder", r.holder().toString());
        json.put("enqueuedAt", r.enqueuedAt().toString());
        json.put("recentGpuMillis", r.recentGpuMillis());
        json.put("overQuota", r.overQuota());
        return json;
    }
}
