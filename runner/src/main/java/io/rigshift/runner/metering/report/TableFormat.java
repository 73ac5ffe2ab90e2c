package io.rigshift.runner.metering.report;

/** How a listing is written: an aligned table for people, CSV or JSON for tools. */
public enum TableFormat {
    table,
    csv,
    json
}
