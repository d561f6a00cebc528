package org.medledger.infrastructure.crypto;

import java.util.Arrays;
import java.util.Objects;

/**
 * What is needed, besides the ciphertext stream itself, to open a blob sealed by
 * {@link EnvelopeCipher#seal(java.io.InputStream, java.io.OutputStream, byte[], Kek)}. Kept apart from the blob so
 * that key rotation re-wraps 40 bytes in a row instead of rewriting the blob.
 *
 * @param nonce          the 96-bit GCM nonce
 * @param wrappedDataKey the data key wrapped with the KEK (RFC 3394)
 * @param kekVersion     the version of the KEK that wrapped it
 */
public record StreamEnvelope(byte[] nonce, byte[] wrappedDataKey, String kekVersion) {

    public StreamEnvelope {
        Objects.requireNonNull(nonce, "nonce");
        Objects.requireNonNull(wrappedDataKey, "wrappedDataKey");
        Objects.requireNonNull(kekVersion, "kekVersion");
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof StreamEnvelope that
                && Arrays.equals(nonce, that.nonce)
                && Arrays.equals(wrappedDataKey, that.wrappedDataKey)
                && kekVersion.equals(that.kekVersion);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * kekVersion.hashCode() + Arrays.hashCode(nonce)) + Arrays.hashCode(wrappedDataKey);
    }

    @Override
    public String toString() {
        return "StreamEnvelope[kek " + kekVersion + "]";
    }
}
