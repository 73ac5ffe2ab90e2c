package io.rigshift.runner.metering.report;

/** How {@code rigshift usage} writes: a table for people, CSV or JSON for tools, or FOCUS cost data. */
public enum UsageFormat {
    table,
    csv,
    json,
    focus
}
