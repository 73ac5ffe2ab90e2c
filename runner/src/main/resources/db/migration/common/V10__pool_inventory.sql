-- The GPU pool's inventory: nodes and their devices. Portable across SQLite and PostgreSQL.
-- Timestamps are epoch milliseconds.

CREATE TABLE pool_node (
    name        VARCHAR(64) NOT NULL PRIMARY KEY,
    simulated   BOOLEAN     NOT NULL,
    -- A draining node takes no new leases; its devices return as 'draining' when released.
    draining    BOOLEAN     NOT NULL,
    added_at    BIGINT      NOT NULL
);

CREATE TABLE pool_device (
    node          VARCHAR(64) NOT NULL REFERENCES pool_node (name),
    device_index  INTEGER     NOT NULL,
    gpu_model     VARCHAR(64) NOT NULL,
    memory_gib    INTEGER     NOT NULL,
    state         VARCHAR(16) NOT NULL,
    -- The live lease holding the device; set exactly when state = 'leased'.
    lease_id      VARCHAR(36),
    PRIMARY KEY (node, device_index),
    CONSTRAINT pool_device_state CHECK (state IN ('available', 'leased', 'draining', 'down')),
    CONSTRAINT pool_device_lease CHECK ((state = 'leased') = (lease_id IS NOT NULL))
);

CREATE INDEX pool_device_lease_idx ON pool_device (lease_id);

-- One row that every pool write transaction on PostgreSQL locks first (SELECT ... FOR UPDATE),
-- so grants, quotas and the queue see one consistent pool. SQLite's IMMEDIATE transactions already
-- take the database lock at their start and never read this table.
CREATE TABLE pool_lock (
    id  INTEGER NOT NULL PRIMARY KEY
);

INSERT INTO pool_lock (id) VALUES (1);
