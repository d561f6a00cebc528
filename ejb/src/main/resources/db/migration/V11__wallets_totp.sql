-- Sign-in methods beside the password. A wallet address (lower-case 0x hex) signs in as at most one patient login.
CREATE TABLE wallet_link (
    address         VARCHAR(42)  PRIMARY KEY,
    username        VARCHAR(64)  NOT NULL UNIQUE REFERENCES user_account (username),
    linked_at       TIMESTAMP WITH TIME ZONE NOT NULL
);

-- A staff login's TOTP secret (RFC 6238), sealed like a record version: AES-256-GCM under a data key wrapped with the
-- key-encryption key of kek_version. last_used_step refuses a code used before.
CREATE TABLE second_factor (
    username        VARCHAR(64)  PRIMARY KEY REFERENCES user_account (username),
    ciphertext      BYTEA        NOT NULL,
    nonce           BYTEA        NOT NULL,
    wrapped_key     BYTEA        NOT NULL,
    kek_version     VARCHAR(32)  NOT NULL,
    confirmed       BOOLEAN      NOT NULL,
    last_used_step  BIGINT       NOT NULL,
    created_at      TIMESTAMP WITH TIME ZONE NOT NULL
);

-- Single-use, short-lived sign-in tokens, kept only as SHA-256: wallet message nonces (with the message issued),
-- a password step waiting for its code, and the ticket that completes a sign-in.
CREATE TABLE sign_in_challenge (
    token_hash      VARCHAR(64)  PRIMARY KEY,
    purpose         VARCHAR(16)  NOT NULL,
    username        VARCHAR(64),
    message         VARCHAR(1024),
    expires_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    used_at         TIMESTAMP WITH TIME ZONE
);
CREATE INDEX ix_sign_in_challenge_expires ON sign_in_challenge (expires_at);
