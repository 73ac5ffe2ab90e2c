package io.rigshift.runner.pool.cli;

import io.rigshift.runner.cli.ExitCodes;
import io.rigshift.runner.cli.HomeOptions;
import io.rigshift.jobs.api.output.JsonOutput;
import io.rigshift.jobs.api.output.OutputFormat;
import io.rigshift.jobs.api.output.TextTable;
import io.rigshift.runner.cli.UsageException;
import io.rigshift.runner.pool.PoolNames;
import io.rigshift.runner.pool.TenantQuota;
import io.rigshift.runner.pool.TenantQuotas;
import io.rigshift.runner.store.Store;
import java.io.PrintWriter;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code rigshift tenant quota}: sets, clears or shows tenants' caps on concurrent GPUs. */
@Command(name = "quota",
        description = {"Cap a tenant's concurrent GPUs (--max-gpus), lift the cap (--unlimited), or show quotas.",
            "Requests over the quota wait (or exit 3 with --no-wait); a request above the cap exits 2."})
public class TenantQuotaCommand implements Callable<Integer> {

    @Mixin
    HomeOptions homeOptions;

    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "TENANT", arity = "0..1",
            description = "The tenant (lower-case letters, digits, '-'); without it, every quota is shown.")
    String tenant;

    @Option(names = "--max-gpus", paramLabel = "N", description = "Most GPUs the tenant's jobs may hold at once.")
    Integer maxGpus;

    @Option(names = "--unlimited", description = "Remove the tenant's quota.")
    boolean unlimited;

    @Option(names = "--format", defaultValue = OutputFormat.DEFAULT, paramLabel = OutputFormat.LABEL,
            description = OutputFormat.DESCRIPTION)
    OutputFormat format;

    @Override
    public Integer call() {
        if (tenant != null) {
            PoolNames.tenant(tenant);
        }
        if (maxGpus != null && unlimited) {
            throw new UsageException("--max-gpus " + maxGpus + " and --unlimited contradict each other: give one");
        }
        if ((maxGpus != null || unlimited) && tenant == null) {
            throw new UsageException("--max-gpus and --unlimited need a TENANT, e.g. 'rigshift tenant quota acme --max-gpus 4'");
        }
        PrintWriter out = spec.commandLine().getOut();
        try (Store store = homeOptions.openStore()) {
            TenantQuotas quotas = new TenantQuotas(store, Clock.systemUTC());
            if (maxGpus != null) {
                TenantQuota quota = quotas.set(tenant, maxGpus);
                out.printf("tenant %s may hold at most %d GPU%s at once (holds %d now)%n", tenant, quota.maxGpus(),
                        quota.maxGpus() == 1 ? "" : "s", quota.inUse());
            } else if (unlimited) {
                out.println(quotas.clear(tenant) ? "tenant " + tenant + " has no quota now"
                        : "tenant " + tenant + " had no quota");
            } else {
                print(out, tenant == null ? quotas.list() : quotas.get(tenant).stream().toList());
            }
            out.flush();
        }
        return ExitCodes.OK;
    }

    private void print(PrintWriter out, List<TenantQuota> quotas) {
        if (format == OutputFormat.json) {
            JsonOutput.print(out, Map.of("quotas", quotas.stream().map(q -> {
                Map<String, Object> json = new LinkedHashMap<>();
                json.put("tenant", q.tenant());
                json.put("maxGpus", q.maxGpus());
                json.put("inUse", q.inUse());
                return json;
            }).toList()));
            return;
        }
        if (quotas.isEmpty()) {
            out.println(tenant == null ? "no quotas: every tenant is capped only by the pool"
                    : "tenant " + tenant + " has no quota: capped only by the pool");
            return;
        }
        TextTable table = new TextTable("TENANT", "MAX-GPUS", "IN-USE");
        quotas.forEach(q -> table.row(q.tenant(), q.maxGpus(), q.inUse()));
        table.print(out);
    }
}
