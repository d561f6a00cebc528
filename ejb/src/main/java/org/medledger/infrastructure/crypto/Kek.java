package org.medledger.infrastructure.crypto;

import java.util.Objects;
import javax.crypto.SecretKey;

/**
 * One version of the hospital's key-encryption key: an AES-256 key that wraps data keys, never payloads.
 *
 * @param version label stored beside every wrapped data key (e.g. {@code v2}), so the right KEK can be found later
 * @param key     the AES-256 key itself
 */
public record Kek(String version, SecretKey key) {

    public Kek {
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(key, "key");
        if (version.isBlank()) {
            throw new IllegalArgumentException("A KEK version must not be blank");
        }
    }

    /** Names the version only; key material stays out of logs. */
    @Override
    public String toString() {
        return "Kek[" + version + "]";
    }
}
