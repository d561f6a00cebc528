package org.medledger.infrastructure.crypto;

import java.nio.ByteBuffer;
import java.util.HexFormat;
import java.util.Objects;
import javax.crypto.SecretKey;

/**
 * Keyed stand-ins for research releases, HMAC-SHA256 under a key only this hospital holds
 * ({@link Pkcs12KeyEncryptionKeys#researchKey()}): a stable pseudonymous id for each resource, so a researcher can
 * link one patient's records, and a per-patient date shift, so the intervals between them survive while the dates
 * do not. Neither can be reversed without the key. Thread-safe.
 */
public final class ResearchPseudonym {

    /** Dates move by 1 to this many days, earlier or later; never by zero. */
    public static final int MAX_SHIFT_DAYS = 182;
    private static final String ID_PREFIX = "deid-";

    private final byte[] key;

    public ResearchPseudonym(SecretKey key) {
        Objects.requireNonNull(key, "key");
        byte[] encoded = key.getEncoded();
        if (encoded == null || encoded.length < 16) {
            throw new IllegalArgumentException("A research pseudonym key must be at least 16 bytes");
        }
        this.key = encoded;
    }

    /** The pseudonymous id of {@code resourceType/id}: {@code deid-} and 32 hex digits (128 bits). */
    public String idOf(String resourceType, String id) {
        return ID_PREFIX + HexFormat.of().formatHex(hmac("id|" + resourceType + "/" + id), 0, 16);
    }

    /** Whole days to move every date of the patient's records by, in ±[1, {@value #MAX_SHIFT_DAYS}]. */
    public int dateShiftDays(String patientId) {
        long drawn = ByteBuffer.wrap(hmac("date-shift|" + patientId)).getLong();
        int slot = (int) Math.floorMod(drawn, 2L * MAX_SHIFT_DAYS);
        return slot < MAX_SHIFT_DAYS ? -(slot + 1) : slot - MAX_SHIFT_DAYS + 1;
    }

    private byte[] hmac(String input) {
        return HmacSha256.of(key, input);
    }

    @Override
    public String toString() {
        return "ResearchPseudonym[HMAC-SHA256]";
    }
}
