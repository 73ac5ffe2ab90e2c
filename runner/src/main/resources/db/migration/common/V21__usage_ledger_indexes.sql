-- Reports filter the ledger by time window (and often by tenant); the reaper and the pool's reclaim
-- hook look up open records by heartbeat age and by lease.

CREATE INDEX usage_record_start_idx ON usage_record (start_ms);
CREATE INDEX usage_record_tenant_idx ON usage_record (tenant, start_ms);
CREATE INDEX usage_record_lease_idx ON usage_record (lease_id);
CREATE INDEX usage_record_open_idx ON usage_record (last_heartbeat_ms) WHERE end_ms IS NULL;
