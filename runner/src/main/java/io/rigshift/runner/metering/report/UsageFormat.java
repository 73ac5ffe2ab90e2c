package io.rigshift.runner.metering.report;

/** How {@code rigshift usage} writes: a table for people, CSV or JSON for tools, or FOCUS cost data. */
public enum UsageFormat {
    table,
    csv,
    json,
    focus;

    /** The {@code --format} option's default, label and description, in the style every format option shares. */
    public static final String DEFAULT = "table";
    public static final String LABEL = "table|csv|json|focus";
    public static final String DESCRIPTION = DEFAULT + " (default), csv, json or focus.";
}
