-- Leases: N devices on one node granted to a tenant's job. A row is never deleted: released leases
-- are the history that fair queueing (recent GPU time) and metering read.

CREATE TABLE pool_lease (
    id              VARCHAR(36)  NOT NULL PRIMARY KEY,
    tenant          VARCHAR(63)  NOT NULL,
    node            VARCHAR(64)  NOT NULL,
    gpu_model       VARCHAR(64)  NOT NULL,
    device_count    INTEGER      NOT NULL,
    -- Comma-separated device indexes on the node, e.g. '0,1'.
    device_indexes  VARCHAR(255) NOT NULL,
    simulated       BOOLEAN      NOT NULL,
    job_label       VARCHAR(255) NOT NULL,
    holder_host     VARCHAR(255) NOT NULL,
    holder_pid      BIGINT       NOT NULL,
    granted_at      BIGINT       NOT NULL,
    heartbeat_at    BIGINT       NOT NULL,
    expires_at      BIGINT       NOT NULL,
    released_at     BIGINT,
    -- completed | failed | stopped | cancelled | reclaimed (the holder stopped heartbeating)
    outcome         VARCHAR(16),
    CONSTRAINT pool_lease_count CHECK (device_count > 0),
    CONSTRAINT pool_lease_ended CHECK ((released_at IS NULL) = (outcome IS NULL))
);

CREATE INDEX pool_lease_live_idx ON pool_lease (expires_at) WHERE released_at IS NULL;
CREATE INDEX pool_lease_tenant_idx ON pool_lease (tenant, released_at);
