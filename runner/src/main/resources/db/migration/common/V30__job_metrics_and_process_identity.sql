-- Metrics a job reports (loss per batch, evaluation scores): kept for plotting.
CREATE TABLE job_metric (
    job_execution_id  BIGINT           NOT NULL,
    step              BIGINT           NOT NULL,
    name              VARCHAR(64)      NOT NULL,
    value             DOUBLE PRECISION NOT NULL,
    recorded_ms       BIGINT           NOT NULL
);

CREATE INDEX job_metric_execution_idx ON job_metric (job_execution_id, name, step);

-- One process identity for every holder: host id (boot and pid namespace), pid and start time.
-- 0 means unknown (rows from before this migration): liveness then falls back to the pid alone.
ALTER TABLE pool_lease ADD COLUMN holder_started_ms BIGINT NOT NULL DEFAULT 0;
ALTER TABLE pool_wait ADD COLUMN holder_started_ms BIGINT NOT NULL DEFAULT 0;
ALTER TABLE usage_record ADD COLUMN owner_started_ms BIGINT NOT NULL DEFAULT 0;
