package org.medledger.domain.model.access;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/**
 * A hospital system allowed to call the FHIR API (SMART Backend Services): it proves who it is with a JWT signed
 * by one of the keys in its JWKS, and may be granted at most its registered scopes. {@code memberAddress} is the
 * consortium member it acts for; null means this hospital itself.
 */
@Entity
@Table(name = "backend_client")
public class BackendClient {

    @Id
    @Column(name = "client_id", length = 64)
    private String clientId;

    @Column(name = "name", nullable = false, length = 200)
    private String name;

    @Column(name = "member_address", length = 42)
    private String memberAddress;

    @Column(name = "jwks", nullable = false, length = 20000)
    private String jwks;

    @Column(name = "scopes", nullable = false, length = 2000)
    private String scopes;

    @Column(name = "enabled", nullable = false)
    private boolean enabled;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    protected BackendClient() {
    }

    public BackendClient(String clientId, String name, String memberAddress, String jwks, String scopes,
                         Instant createdAt) {
        this.clientId = clientId;
        this.name = name;
        this.memberAddress = memberAddress;
        this.jwks = jwks;
        this.scopes = scopes;
        this.enabled = true;
        this.createdAt = createdAt;
    }

    public String getClientId() {
        return clientId;
    }

    public String getName() {
        return name;
    }

    public String getMemberAddress() {
        return memberAddress;
    }

    public String getJwks() {
        return jwks;
    }

    public String getScopes() {
        return scopes;
    }

    public boolean isEnabled() {
        return enabled;
    }

    public Instant getCreatedAt() {
        return createdAt;
    }

    /** From now on the client's assertions are refused and its tokens no longer accepted. */
    public void disable() {
        enabled = false;
    }
}
