-- Node agents: the process that serves a node of the pool. Its heartbeat is the store's own clock
-- (agents' clocks need not agree); a node whose agent is silent past the node grace is lost.
CREATE TABLE pool_agent (
    node           VARCHAR(64)  NOT NULL PRIMARY KEY,
    host_id        VARCHAR(255) NOT NULL,
    host_name      VARCHAR(255) NOT NULL,
    pid            BIGINT       NOT NULL,
    started_ms     BIGINT       NOT NULL,
    registered_ms  BIGINT       NOT NULL,
    heartbeat_ms   BIGINT       NOT NULL,
    -- Set when the node was declared lost (its leases reclaimed); NULL while it is up.
    lost_ms        BIGINT
);
