-- Tenant quotas (maximum concurrent devices) and the wait queue of requests that found no capacity.

CREATE TABLE pool_tenant_quota (
    tenant      VARCHAR(63) NOT NULL PRIMARY KEY,
    max_gpus    INTEGER     NOT NULL,
    updated_at  BIGINT      NOT NULL,
    CONSTRAINT pool_tenant_quota_positive CHECK (max_gpus > 0)
);

CREATE TABLE pool_wait (
    request_id    VARCHAR(36)  NOT NULL PRIMARY KEY,
    tenant        VARCHAR(63)  NOT NULL,
    gpus          INTEGER      NOT NULL,
    -- NULL: any model
    gpu_model     VARCHAR(64),
    job_label     VARCHAR(255) NOT NULL,
    holder_host   VARCHAR(255) NOT NULL,
    holder_pid    BIGINT       NOT NULL,
    enqueued_at   BIGINT       NOT NULL,
    -- Orders requests enqueued in the same millisecond; assigned under the pool lock.
    seq           BIGINT       NOT NULL,
    -- A waiter refreshes this at every poll; one silent for longer than the waiter TTL is dropped.
    heartbeat_at  BIGINT       NOT NULL,
    CONSTRAINT pool_wait_gpus CHECK (gpus > 0)
);
