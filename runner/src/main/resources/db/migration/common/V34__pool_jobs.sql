-- Pool jobs: jobs submitted to the pool's controller, one row per job (its Spring Batch job
-- instance); every execution of it (the first, and one per recovery or resume) has a placement.
CREATE TABLE pool_job (
    job_instance_id    BIGINT       NOT NULL PRIMARY KEY,
    tenant             VARCHAR(63)  NOT NULL,
    job_name           VARCHAR(100) NOT NULL,
    gpus               INTEGER      NOT NULL,
    -- NULL: any model
    gpu_model          VARCHAR(64),
    max_restarts       INTEGER      NOT NULL,
    -- queued (waits for devices) | placed (an execution runs, or is being started) | ended
    state              VARCHAR(16)  NOT NULL,
    -- The execution a queued job starts next: the first one (created at submit), or the last one to restart.
    execution_id       BIGINT       NOT NULL,
    -- Executions started again after a lost node or a failure, by the controller (resume is not counted).
    recoveries         INTEGER      NOT NULL,
    -- 'pool drain --now' asked it to stop after a checkpoint and be placed again elsewhere.
    move_requested     BOOLEAN      NOT NULL DEFAULT FALSE,
    submitted_ms       BIGINT       NOT NULL,
    updated_ms         BIGINT       NOT NULL,
    CONSTRAINT pool_job_gpus CHECK (gpus > 0)
);

CREATE INDEX pool_job_state_idx ON pool_job (state, submitted_ms);

-- One placement of a pool job on a node: the lease it holds and its fencing epoch. Epochs of a
-- job count up from 1; only the newest placement of a job may write anything for it.
CREATE TABLE pool_placement (
    job_instance_id    BIGINT       NOT NULL,
    epoch              INTEGER      NOT NULL,
    node               VARCHAR(64)  NOT NULL,
    lease_id           VARCHAR(36)  NOT NULL,
    usage_record_id    BIGINT,
    -- The job execution this placement runs (set when the controller starts it).
    job_execution_id   BIGINT,
    -- The partition (worker step execution) the node's agent claimed; a second claim is refused.
    step_execution_id  BIGINT,
    -- placed | running (claimed by the agent) | ended | lost (its node was lost, or it was fenced)
    state              VARCHAR(16)  NOT NULL,
    agent_host_id      VARCHAR(255),
    agent_pid          BIGINT,
    placed_ms          BIGINT       NOT NULL,
    claimed_ms         BIGINT,
    ended_ms           BIGINT,
    CONSTRAINT pool_placement_pk PRIMARY KEY (job_instance_id, epoch)
);

CREATE INDEX pool_placement_node_idx ON pool_placement (node, state);
CREATE UNIQUE INDEX pool_placement_lease_idx ON pool_placement (lease_id);

-- Spring Integration's JdbcLockRegistry: the controllers' leader lock.
CREATE TABLE INT_LOCK (
    LOCK_KEY       CHAR(36)     NOT NULL,
    REGION         VARCHAR(100) NOT NULL,
    CLIENT_ID      CHAR(36),
    CREATED_DATE   TIMESTAMP    NOT NULL,
    EXPIRED_AFTER  TIMESTAMP    NOT NULL,
    CONSTRAINT INT_LOCK_PK PRIMARY KEY (LOCK_KEY, REGION)
);

-- The pool's own id, made once: its queue names carry it, so that two pools sharing a broker (or
-- tests on one machine) never take each other's messages.
CREATE TABLE pool_identity (
    -- One row only: a second process that races to make the id fails on the key and reads the first.
    singleton   INTEGER      NOT NULL PRIMARY KEY,
    id          VARCHAR(36)  NOT NULL,
    created_ms  BIGINT       NOT NULL,
    CONSTRAINT pool_identity_one CHECK (singleton = 1)
);
