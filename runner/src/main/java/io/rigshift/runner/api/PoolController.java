package io.rigshift.runner.api;

import io.rigshift.runner.batch.JobRepositories;
import io.rigshift.runner.cli.CheckpointsCommand;
import io.rigshift.runner.metering.cli.InvoiceCommand;
import io.rigshift.runner.metering.cli.MeteringArguments;
import io.rigshift.runner.metering.invoice.Invoice;
import io.rigshift.runner.metering.invoice.InvoiceFormat;
import io.rigshift.runner.metering.invoice.InvoiceWriter;
import io.rigshift.runner.metering.rates.RateCardStore;
import io.rigshift.runner.pool.LeaseTimings;
import io.rigshift.runner.pool.QueuedRequest;
import io.rigshift.runner.pool.WaitQueue;
import io.rigshift.runner.store.RigshiftHome;
import io.rigshift.runner.store.Store;
import io.rigshift.runner.training.RunKeys;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Clock;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestAttribute;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The pool map, the queue, the rate card, invoices and checkpoints over the API. A tenant sees every
 * device's state but only its own tenancy (another tenant's lease shows as leased, by nobody named),
 * only its own queued requests (with their positions), and only its own invoices.
 */
@RestController
class PoolController {

    private final Store store;
    private final RigshiftHome home;

    PoolController(Store store, RigshiftHome home) {
        this.store = store;
        this.home = home;
    }

    @GetMapping("/api/v1/pool")
    Map<String, Object> pool(@RequestAttribute(TokenFilter.CALLER) Caller caller) {
        Map<String, Map<String, Object>> nodes = new LinkedHashMap<>();
        store.jdbc().query("SELECT d.node, n.simulated, n.draining, d.device_index, d.gpu_model, d.memory_gib, d.state, "
                + "l.tenant, l.id FROM pool_device d JOIN pool_node n ON n.name = d.node "
                + "LEFT JOIN pool_lease l ON l.id = d.lease_id ORDER BY d.node, d.device_index", rs -> {
                    Map<String, Object> node = nodes.computeIfAbsent(rs.getString(1), name -> {
                        Map<String, Object> n = new LinkedHashMap<>();
                        n.put("name", name);
                        n.put("devices", new ArrayList<Map<String, Object>>());
                        return n;
                    });
                    node.put("simulated", rs.getBoolean(2));
                    node.put("draining", rs.getBoolean(3));
                    String tenant = rs.getString(8);
                    Map<String, Object> device = new LinkedHashMap<>();
                    device.put("index", rs.getInt(4));
                    device.put("model", rs.getString(5));
                    device.put("memory_gib", rs.getInt(6));
                    device.put("state", rs.getString(7));
                    device.put("tenant", tenant != null && caller.sees(tenant) ? tenant : null);
                    device.put("lease", tenant != null && caller.sees(tenant) ? rs.getString(9) : null);
                    @SuppressWarnings("unchecked")
                    List<Map<String, Object>> devices = (List<Map<String, Object>>) node.get("devices");
                    devices.add(device);
                });
        return Map.of("nodes", new ArrayList<>(nodes.values()));
    }

    @GetMapping("/api/v1/queue")
    Map<String, Object> queue(@RequestAttribute(TokenFilter.CALLER) Caller caller) {
        List<QueuedRequest> all = new WaitQueue(store, Clock.systemUTC(), LeaseTimings.defaults()).list();
        long now = System.currentTimeMillis();
        List<Map<String, Object>> waiting = new ArrayList<>();
        for (QueuedRequest r : all) {
            if (caller.sees(r.tenant())) {
                Map<String, Object> row = new LinkedHashMap<>();
                row.put("position", r.position());
                row.put("tenant", r.tenant());
                row.put("gpus", r.gpus());
                row.put("gpu_model", r.gpuModel().orElse(null));
                row.put("job", r.jobLabel());
                row.put("waiting_s", Math.max(0, (now - r.enqueuedAt().toEpochMilli()) / 1000));
                row.put("over_quota", r.overQuota());
                waiting.add(row);
            }
        }
        return Map.of("length", all.size(), "waiting", waiting);
    }

    @GetMapping("/api/v1/rates")
    Map<String, Object> rates(@RequestAttribute(TokenFilter.CALLER) Caller caller) {
        List<Map<String, Object>> rates = new ArrayList<>();
        new RateCardStore(store).load().rates().forEach(rate -> {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("rate", rate.describe());
            rates.add(row);
        });
        return Map.of("rates", rates);
    }

    @GetMapping("/api/v1/invoices/{tenant}/{month}")
    ResponseEntity<String> invoice(@RequestAttribute(TokenFilter.CALLER) Caller caller, @PathVariable String tenant,
            @PathVariable String month, @RequestParam(defaultValue = "json") String format) {
        if (!caller.sees(tenant)) {
            throw new ApiErrors.NotFound("no invoice for tenant " + tenant);
        }
        InvoiceFormat chosen = Arrays.stream(InvoiceFormat.values()).filter(f -> f.name().equals(format)).findFirst()
                .orElseThrow(() -> new ApiErrors.BadRequest("'format' must be one of "
                        + Arrays.toString(InvoiceFormat.values()) + ", was '" + format + "'"));
        YearMonth billed = MeteringArguments.month(month, "month");
        Clock clock = Clock.systemUTC();
        if (billed.isAfter(YearMonth.now(clock))) {
            throw new ApiErrors.BadRequest("'month' " + billed + " is in the future");
        }
        Invoice invoice = InvoiceCommand.invoice(store, tenant, billed, clock);
        StringWriter text = new StringWriter();
        try (PrintWriter out = new PrintWriter(text)) {
            InvoiceWriter.write(invoice, chosen, out);
        }
        MediaType type = switch (chosen) {
            case json -> MediaType.APPLICATION_JSON;
            case html -> MediaType.TEXT_HTML;
            case csv -> new MediaType("text", "csv");
            case text -> MediaType.TEXT_PLAIN;
        };
        return ResponseEntity.ok().contentType(type).body(text.toString());
    }

    @GetMapping("/api/v1/jobs/{id}/checkpoints")
    Map<String, Object> checkpoints(@RequestAttribute(TokenFilter.CALLER) Caller caller, @PathVariable long id) {
        JobExecution execution;
        try {
            execution = io.rigshift.runner.cli.ExecutionLookup.require(JobRepositories.jdbc(store), id);
        } catch (io.rigshift.runner.cli.UsageException missing) {
            throw new ApiErrors.NotFound("no job " + id);
        }
        if (!caller.sees(execution.getJobParameters().getString(RunKeys.TENANT))) {
            throw new ApiErrors.NotFound("no job " + id);
        }
        List<CheckpointsCommand.CheckpointView> views = CheckpointsCommand.views(
                home.jobFolder(execution.getJobInstance().getInstanceId()));
        return Map.of("job", id, "checkpoints", views);
    }
}
