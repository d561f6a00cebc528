package org.medledger.domain.model.identity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/**
 * A staff login's time-based one-time password (RFC 6238) secret, stored sealed (AES-256-GCM, data key wrapped with
 * a key-encryption key). Unconfirmed until the user proves their authenticator app shows the right code.
 */
@Entity
@Table(name = "second_factor")
public class SecondFactor {

    @Id
    @Column(name = "username", length = 64)
    private String username;

    @Column(name = "ciphertext", nullable = false, length = 64)
    private byte[] ciphertext;

    @Column(name = "nonce", nullable = false, length = 16)
    private byte[] nonce;

    @Column(name = "wrapped_key", nullable = false, length = 64)
    private byte[] wrappedKey;

    @Column(name = "kek_version", nullable = false, length = 32)
    private String kekVersion;

    @Column(name = "confirmed", nullable = false)
    private boolean confirmed;

    /** The time step of the last code accepted; a code of this step or an earlier one is refused. */
    @Column(name = "last_used_step", nullable = false)
    private long lastUsedStep;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    protected SecondFactor() {
    }

    public SecondFactor(String username, byte[] ciphertext, byte[] nonce, byte[] wrappedKey, String kekVersion,
                        Instant createdAt) {
        this.username = username;
        this.createdAt = createdAt;
        reseal(ciphertext, nonce, wrappedKey, kekVersion);
    }

    public final void reseal(byte[] ciphertext, byte[] nonce, byte[] wrappedKey, String kekVersion) {
        this.ciphertext = ciphertext.clone();
        this.nonce = nonce.clone();
        this.wrappedKey = wrappedKey.clone();
        this.kekVersion = kekVersion;
    }

    /** Accepts the code of {@code step} once: false when that step (or a later one) was already used. */
    public boolean useStep(long step) {
        if (step <= lastUsedStep) {
            return false;
        }
        lastUsedStep = step;
        return true;
    }

    public void confirm() {
        confirmed = true;
    }

    public String getUsername() {
        return username;
    }

    public byte[] getCiphertext() {
        return ciphertext.clone();
    }

    public byte[] getNonce() {
        return nonce.clone();
    }

    public byte[] getWrappedKey() {
        return wrappedKey.clone();
    }

    public String getKekVersion() {
        return kekVersion;
    }

    public boolean isConfirmed() {
        return confirmed;
    }
}
