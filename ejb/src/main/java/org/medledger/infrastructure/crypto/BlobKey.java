package org.medledger.infrastructure.crypto;

import java.util.Arrays;
import java.util.HexFormat;
import java.util.Objects;

/**
 * The data key and nonce of one blob ({@link BlobCipher}). It is kept only inside the sealed record version that refers
 * to the blob, never beside the blob. {@link #toString()} never shows the key.
 */
public record BlobKey(byte[] dataKey, byte[] nonce) {

    public BlobKey {
        Objects.requireNonNull(dataKey, "dataKey");
        Objects.requireNonNull(nonce, "nonce");
        if (dataKey.length != EnvelopeCipher.DATA_KEY_BYTES || nonce.length != EnvelopeCipher.NONCE_BYTES) {
            throw new PayloadIntegrityException("A blob key is a 256-bit key and a 96-bit nonce: the stored key was altered");
        }
        dataKey = dataKey.clone();
        nonce = nonce.clone();
    }

    @Override
    public byte[] dataKey() {
        return dataKey.clone();
    }

    @Override
    public byte[] nonce() {
        return nonce.clone();
    }

    /** {@code <key hex>:<nonce hex>}, the form stored in the sealed version. */
    public String encoded() {
        return HexFormat.of().formatHex(dataKey) + ":" + HexFormat.of().formatHex(nonce);
    }

    public static BlobKey decode(String encoded) {
        Objects.requireNonNull(encoded, "encoded");
        int colon = encoded.indexOf(':');
        try {
            return new BlobKey(HexFormat.of().parseHex(encoded.substring(0, Math.max(colon, 0))),
                    HexFormat.of().parseHex(encoded.substring(colon + 1)));
        } catch (IllegalArgumentException e) {
            throw new PayloadIntegrityException("The stored blob key is not <hex>:<hex>: it was altered");
        }
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof BlobKey that && Arrays.equals(dataKey, that.dataKey) && Arrays.equals(nonce, that.nonce);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(dataKey) + Arrays.hashCode(nonce);
    }

    @Override
    public String toString() {
        return "BlobKey[hidden]";
    }
}
