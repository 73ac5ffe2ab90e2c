package io.rigshift.runner.metering.report;

/** A ledger column that usage may be grouped by, besides the device model and the UTC day (always). */
public enum UsageDimension {
    TENANT("tenant"),
    JOB("job_execution_id"),
    NODE("node");

    private final String column;

    UsageDimension(String column) {
        this.column = column;
    }

    /** The column of {@code usage_record}. */
    String column() {
        return column;
    }
}
