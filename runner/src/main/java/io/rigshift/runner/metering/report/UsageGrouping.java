package io.rigshift.runner.metering.report;

import java.util.Comparator;
import java.util.EnumSet;
import java.util.Set;
import java.util.function.Function;

/** What a usage report's rows are: one per tenant, job execution, device model, node or UTC day. */
public enum UsageGrouping {
    tenant(EnumSet.of(UsageDimension.TENANT), UsageSlice::tenant, Comparator.naturalOrder()),
    job(EnumSet.of(UsageDimension.JOB), u -> u.jobExecutionId() == null ? "none" : u.jobExecutionId().toString(),
            Comparator.comparing((String k) -> k.equals("none") ? -1L : Long.parseLong(k))),
    model(EnumSet.noneOf(UsageDimension.class), UsageSlice::deviceModel, Comparator.naturalOrder()),
    node(EnumSet.of(UsageDimension.NODE), UsageSlice::node, Comparator.naturalOrder()),
    day(EnumSet.noneOf(UsageDimension.class), u -> u.day().toString(), Comparator.naturalOrder());

    private final Set<UsageDimension> dimensions;
    private final Function<UsageSlice, String> key;
    private final Comparator<String> order;

    UsageGrouping(Set<UsageDimension> dimensions, Function<UsageSlice, String> key, Comparator<String> order) {
        this.dimensions = dimensions;
        this.key = key;
        this.order = order;
    }

    /** The ledger dimensions the report must be read with. */
    public Set<UsageDimension> dimensions() {
        return dimensions;
    }

    /** The row a day of usage belongs to. */
    public String keyOf(UsageSlice usage) {
        return key.apply(usage);
    }

    /** The order of rows (numeric for job ids, chronological for days, alphabetical otherwise). */
    public Comparator<String> order() {
        return order;
    }
}
