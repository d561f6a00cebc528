package org.medledger.domain.model.access;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** A client assertion already exchanged for a token, kept until it expires so it cannot be replayed. */
@Entity
@Table(name = "used_client_assertion")
public class UsedClientAssertion {

    /** SHA-256 of client id and jti: the primary key makes a second use fail, also across servers. */
    @Id
    @Column(name = "assertion_key", length = 64)
    private String assertionKey;

    @Column(name = "client_id", nullable = false, length = 64)
    private String clientId;

    @Column(name = "expires_at", nullable = false)
    private Instant expiresAt;

    protected UsedClientAssertion() {
    }

    public UsedClientAssertion(String assertionKey, String clientId, Instant expiresAt) {
        this.assertionKey = assertionKey;
        this.clientId = clientId;
        this.expiresAt = expiresAt;
    }
}
