package org.medledger.infrastructure.crypto;

import java.text.Normalizer;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Objects;
import javax.crypto.SecretKey;

/**
 * Keyed hashes (HMAC-SHA256, 64 lower-case hex digits) of names and identifiers, stored in search index rows in
 * place of the values, so the database alone does not reveal who is in it while exact-match search still works:
 * hash the search term the same way and compare.
 *
 * <p>Normalization, applied before hashing:
 * <ul>
 *   <li>names: Unicode NFKC, lower case ({@link Locale#ROOT}), leading and trailing white space removed, inner
 *       runs of white space collapsed to one space — {@code "  TESTPATIENT   Alpha "} and {@code "testpatient alpha"}
 *       index alike;</li>
 *   <li>identifiers: {@code system|value}, each part stripped of leading and trailing white space, case kept (FHIR
 *       identifier values are case-sensitive); an absent system is the empty string, as in FHIR token search.</li>
 * </ul>
 * The key comes from {@link Pkcs12KeyEncryptionKeys#blindIndexKey()}. Thread-safe.
 */
public final class BlindIndex {

    private final byte[] key;

    public BlindIndex(SecretKey key) {
        Objects.requireNonNull(key, "key");
        byte[] encoded = key.getEncoded();
        if (encoded == null || encoded.length < 16) {
            throw new IllegalArgumentException("A blind-index key must be at least 16 bytes");
        }
        this.key = encoded;
    }

    /** Blind index of a person's name or name part. */
    public String ofName(String name) {
        return hmacHex(normalizeName(name));
    }

    /** Blind index of an identifier; {@code system} may be null or empty when the identifier has none. */
    public String ofIdentifier(String system, String value) {
        return hmacHex(normalizeIdentifier(system, value));
    }

    static String normalizeName(String name) {
        Objects.requireNonNull(name, "name");
        String folded = Normalizer.normalize(name, Normalizer.Form.NFKC).toLowerCase(Locale.ROOT);
        return folded.strip().replaceAll("\\s+", " ");
    }

    static String normalizeIdentifier(String system, String value) {
        Objects.requireNonNull(value, "value");
        String strippedValue = value.strip();
        if (strippedValue.isEmpty()) {
            throw new IllegalArgumentException("An identifier value must not be blank");
        }
        return (system == null ? "" : system.strip()) + "|" + strippedValue;
    }

    private String hmacHex(String normalized) {
        return HexFormat.of().formatHex(HmacSha256.of(key, normalized));
    }

    @Override
    public String toString() {
        return "BlindIndex[HMAC-SHA256]";
    }
}
