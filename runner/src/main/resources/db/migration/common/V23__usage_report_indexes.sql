-- Covering indexes for the usage reports, so that a report over the whole ledger reads an index
-- instead of the table: tenant-first for reports by tenant and for one tenant's invoice, time-first
-- for reports by day, job, model or node over a window. Heartbeats update neither.

CREATE INDEX usage_record_tenant_report_idx
    ON usage_record (tenant, device_model, start_ms, end_ms, device_count);
CREATE INDEX usage_record_report_idx
    ON usage_record (start_ms, end_ms, device_model, device_count, tenant, job_execution_id, node);
