-- API tokens: only a hash of the secret is kept. A tenant token (tenant set, host false) sees that
-- tenant's jobs, logs, artifacts, usage and invoices; a host token (host true) sees everything.
CREATE TABLE api_token (
    id           VARCHAR(16)  NOT NULL PRIMARY KEY,
    tenant       VARCHAR(63),
    host         BOOLEAN      NOT NULL,
    secret_hash  VARCHAR(100) NOT NULL,
    label        VARCHAR(255),
    created_ms   BIGINT       NOT NULL,
    expires_ms   BIGINT,
    revoked_ms   BIGINT,
    CONSTRAINT api_token_scope CHECK ((tenant IS NULL) = host)
);
