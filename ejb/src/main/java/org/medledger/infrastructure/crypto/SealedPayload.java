package org.medledger.infrastructure.crypto;

import java.util.Arrays;
import java.util.Objects;

/**
 * One record version encrypted at rest: what the database row holds. Opening it needs the same associated data
 * ({@code ResourceType/id/_history/version}) and the KEK of {@code kekVersion}.
 *
 * @param ciphertextWithTag AES-256-GCM ciphertext followed by its 128-bit tag
 * @param nonce             the 96-bit GCM nonce
 * @param wrappedDataKey    the 256-bit data key wrapped with the KEK (RFC 3394), 40 bytes
 * @param kekVersion        the version of the KEK that wrapped it
 */
public record SealedPayload(byte[] ciphertextWithTag, byte[] nonce, byte[] wrappedDataKey, String kekVersion) {

    public SealedPayload {
        Objects.requireNonNull(ciphertextWithTag, "ciphertextWithTag");
        Objects.requireNonNull(nonce, "nonce");
        Objects.requireNonNull(wrappedDataKey, "wrappedDataKey");
        Objects.requireNonNull(kekVersion, "kekVersion");
    }

    /** The same payload with its data key re-wrapped under another KEK version; the ciphertext is untouched. */
    public SealedPayload withWrappedDataKey(byte[] rewrapped, String newKekVersion) {
        return new SealedPayload(ciphertextWithTag, nonce, rewrapped, newKekVersion);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof SealedPayload that
                && Arrays.equals(ciphertextWithTag, that.ciphertextWithTag)
                && Arrays.equals(nonce, that.nonce)
                && Arrays.equals(wrappedDataKey, that.wrappedDataKey)
                && kekVersion.equals(that.kekVersion);
    }

    @Override
    public int hashCode() {
        int result = Objects.hash(kekVersion);
        result = 31 * result + Arrays.hashCode(ciphertextWithTag);
        result = 31 * result + Arrays.hashCode(nonce);
        return 31 * result + Arrays.hashCode(wrappedDataKey);
    }

    @Override
    public String toString() {
        return "SealedPayload[" + ciphertextWithTag.length + " bytes, kek " + kekVersion + "]";
    }
}
