-- SMART Backend Services: hospital systems registered by an administrator with their public keys (JWKS) and the
-- scopes they may ask for; client assertions already used (their jti), so none can be replayed.
CREATE TABLE backend_client (
    client_id       VARCHAR(64)    PRIMARY KEY,
    name            VARCHAR(200)   NOT NULL,
    member_address  VARCHAR(42),
    jwks            VARCHAR(20000) NOT NULL,
    scopes          VARCHAR(2000)  NOT NULL,
    enabled         BOOLEAN        NOT NULL,
    created_at      TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE TABLE used_client_assertion (
    assertion_key   VARCHAR(64)    PRIMARY KEY,
    client_id       VARCHAR(64)    NOT NULL,
    expires_at      TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX ix_used_client_assertion_expiry ON used_client_assertion (expires_at);
