package org.medledger.domain.model.identity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/**
 * A single-use, short-lived sign-in token, known here only by its SHA-256: the nonce of a wallet message (with the
 * message as issued), a password step waiting for its second factor, or the ticket that completes a sign-in.
 * Used tokens stay until they expire, so a replay is told apart from a token never issued.
 */
@Entity
@Table(name = "sign_in_challenge")
public class SignInChallenge {

    public enum Purpose { WALLET_SIGN_IN, WALLET_LINK, SECOND_FACTOR, TICKET }

    @Id
    @Column(name = "token_hash", length = 64)
    private String tokenHash;

    @Enumerated(EnumType.STRING)
    @Column(name = "purpose", nullable = false, length = 16)
    private Purpose purpose;

    /** Whom the token is for, when that is known before it is used. */
    @Column(name = "username", length = 64)
    private String username;

    @Column(name = "message", length = 1024)
    private String message;

    @Column(name = "expires_at", nullable = false)
    private Instant expiresAt;

    @Column(name = "used_at")
    private Instant usedAt;

    protected SignInChallenge() {
    }

    public SignInChallenge(String tokenHash, Purpose purpose, String username, String message, Instant expiresAt) {
        this.tokenHash = tokenHash;
        this.purpose = purpose;
        this.username = username;
        this.message = message;
        this.expiresAt = expiresAt;
    }

    public boolean isUsed() {
        return usedAt != null;
    }

    public boolean isExpiredAt(Instant now) {
        return !expiresAt.isAfter(now);
    }

    public void use(Instant at) {
        usedAt = at;
    }

    public Purpose getPurpose() {
        return purpose;
    }

    public String getUsername() {
        return username;
    }

    public String getMessage() {
        return message;
    }

    public Instant getExpiresAt() {
        return expiresAt;
    }
}
