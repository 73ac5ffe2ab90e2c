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

    /**
     * What the ledger query selects for this dimension, named as {@link #column()}. A job is named
     * by the first execution of its job instance: a job that was resumed, or moved between nodes by
     * the pool, is one job whose records (one per execution and placement) add up.
     */
    String selected() {
        if (this != JOB) {
            return column;
        }
        return "COALESCE((SELECT MIN(f.JOB_EXECUTION_ID) FROM BATCH_JOB_EXECUTION e JOIN BATCH_JOB_EXECUTION f "
                + "ON f.JOB_INSTANCE_ID = e.JOB_INSTANCE_ID WHERE e.JOB_EXECUTION_ID = usage_record.job_execution_id), "
                + "usage_record.job_execution_id) AS " + column;
    }
}
