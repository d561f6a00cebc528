package org.medledger.infrastructure.crypto;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Objects;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.macs.HMac;
import org.bouncycastle.crypto.params.KeyParameter;

/**
 * The on-chain name of a patient (a {@code bytes32}): HMAC-SHA256 keyed with the consortium salt over the patient's
 * shared identifier as UTF-8 {@code system|value}, each part stripped of leading and trailing white space, case kept.
 * Every member hospital computes the same pseudonym for the same identifier, and nobody without the salt can link
 * it back. Immutable; equality is by the 32 bytes.
 */
public final class PatientPseudonym {

    public static final int LENGTH = 32;
    private static final int MIN_SALT_BYTES = 16;

    private final byte[] value;

    private PatientPseudonym(byte[] value) {
        this.value = value;
    }

    /** Computes the pseudonym of a shared identifier, e.g. a national patient id system and value. */
    public static PatientPseudonym of(byte[] consortiumSalt, String system, String value) {
        Objects.requireNonNull(consortiumSalt, "consortiumSalt");
        Objects.requireNonNull(system, "system");
        Objects.requireNonNull(value, "value");
        if (consortiumSalt.length < MIN_SALT_BYTES) {
            throw new IllegalArgumentException("The consortium salt must be at least " + MIN_SALT_BYTES + " bytes");
        }
        if (system.isBlank() || value.isBlank()) {
            throw new IllegalArgumentException("A shared identifier needs both a system and a value");
        }
        byte[] input = (system.strip() + "|" + value.strip()).getBytes(StandardCharsets.UTF_8);
        HMac hmac = new HMac(new SHA256Digest());
        hmac.init(new KeyParameter(consortiumSalt));
        hmac.update(input, 0, input.length);
        byte[] out = new byte[LENGTH];
        hmac.doFinal(out, 0);
        return new PatientPseudonym(out);
    }

    /** Wraps a pseudonym read back from the chain or the database. */
    public static PatientPseudonym fromBytes(byte[] pseudonym) {
        Objects.requireNonNull(pseudonym, "pseudonym");
        if (pseudonym.length != LENGTH) {
            throw new IllegalArgumentException("A patient pseudonym is 32 bytes, got " + pseudonym.length);
        }
        return new PatientPseudonym(pseudonym.clone());
    }

    /** A copy of the 32 bytes, as passed to a contract's {@code bytes32} parameter. */
    public byte[] bytes() {
        return value.clone();
    }

    /** Lower-case hex, no prefix. */
    public String hex() {
        return HexFormat.of().formatHex(value);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof PatientPseudonym && Arrays.equals(value, ((PatientPseudonym) other).value);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(value);
    }

    @Override
    public String toString() {
        return "PatientPseudonym[" + hex() + "]";
    }
}
