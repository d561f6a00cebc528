package org.medledger.domain.model.blob;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A blob's content address, as its store names it: for the local directory {@code sha256-<64 hex digits>} of the
 * ciphertext; for IPFS a CID. Only letters, digits and {@code -} so it is safe in a file name and a URL.
 */
public record BlobAddress(String value) {

    private static final Pattern SAFE = Pattern.compile("[A-Za-z0-9-]{8,128}");

    public BlobAddress {
        Objects.requireNonNull(value, "value");
        if (!SAFE.matcher(value).matches()) {
            throw new IllegalArgumentException("A blob address is 8 to 128 letters, digits or '-'");
        }
    }

    @Override
    public String toString() {
        return value;
    }
}
