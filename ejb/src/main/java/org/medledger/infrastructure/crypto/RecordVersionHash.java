package org.medledger.infrastructure.crypto;

import java.util.Arrays;
import java.util.HexFormat;
import java.util.Objects;
import org.bouncycastle.crypto.digests.SHA256Digest;

/**
 * SHA-256 of one record version's canonical JSON: the Merkle leaf value anchored on chain and the value
 * {@code $verify} recomputes. Immutable; equality is by the 32 bytes.
 */
public final class RecordVersionHash {

    public static final int LENGTH = 32;

    private final byte[] value;

    private RecordVersionHash(byte[] value) {
        this.value = value;
    }

    /** Hashes canonical bytes (see {@link CanonicalJson}); the caller canonicalizes first. */
    public static RecordVersionHash of(byte[] canonicalBytes) {
        Objects.requireNonNull(canonicalBytes, "canonicalBytes");
        SHA256Digest digest = new SHA256Digest();
        digest.update(canonicalBytes, 0, canonicalBytes.length);
        byte[] out = new byte[LENGTH];
        digest.doFinal(out, 0);
        return new RecordVersionHash(out);
    }

    /** Wraps a hash already computed, e.g. one read back from the database. */
    public static RecordVersionHash fromBytes(byte[] hash) {
        Objects.requireNonNull(hash, "hash");
        if (hash.length != LENGTH) {
            throw new IllegalArgumentException("A record version hash is 32 bytes, got " + hash.length);
        }
        return new RecordVersionHash(hash.clone());
    }

    /** Parses 64 hex digits, with or without a leading {@code 0x}. */
    public static RecordVersionHash fromHex(String hex) {
        Objects.requireNonNull(hex, "hex");
        String digits = hex.startsWith("0x") || hex.startsWith("0X") ? hex.substring(2) : hex;
        if (digits.length() != 2 * LENGTH) {
            throw new IllegalArgumentException("A record version hash is 64 hex digits, got " + digits.length());
        }
        return new RecordVersionHash(HexFormat.of().parseHex(digits));
    }

    /** A copy of the 32 bytes. */
    public byte[] bytes() {
        return value.clone();
    }

    /** Lower-case hex, no prefix. */
    public String hex() {
        return HexFormat.of().formatHex(value);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof RecordVersionHash && Arrays.equals(value, ((RecordVersionHash) other).value);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(value);
    }

    @Override
    public String toString() {
        return hex();
    }
}
