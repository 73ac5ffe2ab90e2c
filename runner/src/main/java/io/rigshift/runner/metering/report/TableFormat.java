package io.rigshift.runner.metering.report;

/** How a listing is written: an aligned table for people, CSV or JSON for tools. */
public enum TableFormat {
    table,
    csv,
    json;

    /** The {@code --format} option's default, label and description, in the style every format option shares. */
    public static final String DEFAULT = "table";
    public static final String LABEL = "table|csv|json";
    public static final String DESCRIPTION = DEFAULT + " (default), csv or json.";
}
