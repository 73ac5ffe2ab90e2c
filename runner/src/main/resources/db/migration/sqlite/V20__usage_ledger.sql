-- The usage ledger: one record per lease (or per CPU run). Times are epoch milliseconds (UTC).
-- end_ms is NULL while the record is open (outcome 'open'); a record is closed exactly once.
-- The PostgreSQL twin of this file differs only in how the id is generated.

CREATE TABLE usage_record (
    id                 INTEGER      NOT NULL PRIMARY KEY AUTOINCREMENT,
    tenant             VARCHAR(63)  NOT NULL,
    -- The Spring Batch job execution, when the run has one yet.
    job_execution_id   BIGINT,
    -- The pool lease; NULL for CPU runs.
    lease_id           VARCHAR(36),
    node               VARCHAR(64)  NOT NULL,
    -- The GPU model, or 'cpu' for CPU runs.
    device_model       VARCHAR(64)  NOT NULL,
    device_count       INTEGER      NOT NULL,
    start_ms           BIGINT       NOT NULL,
    end_ms             BIGINT,
    last_heartbeat_ms  BIGINT       NOT NULL,
    outcome            VARCHAR(16)  NOT NULL,
    -- The process that opened the record and heartbeats it, so a dead owner can be found.
    owner_host         VARCHAR(255) NOT NULL,
    owner_pid          BIGINT       NOT NULL,
    CONSTRAINT usage_record_count CHECK (device_count > 0),
    CONSTRAINT usage_record_heartbeat CHECK (last_heartbeat_ms >= start_ms),
    CONSTRAINT usage_record_end CHECK (end_ms IS NULL OR end_ms >= start_ms),
    CONSTRAINT usage_record_outcome
        CHECK (outcome IN ('open', 'completed', 'failed', 'stopped', 'reclaimed')),
    CONSTRAINT usage_record_open CHECK ((end_ms IS NULL) = (outcome = 'open'))
);
