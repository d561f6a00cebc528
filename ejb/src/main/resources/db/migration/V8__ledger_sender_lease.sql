-- Application nodes sharing one database elect one sender of the hospital's chain transactions (anchors and
-- consent changes) through this single-row lease, so nonces never collide and batches keep their order.
CREATE TABLE ledger_sender_lease (
    id INTEGER PRIMARY KEY,
    holder VARCHAR(200),
    expires_at_ms BIGINT NOT NULL
);
INSERT INTO ledger_sender_lease (id, holder, expires_at_ms) VALUES (1, NULL, 0);
