package org.medledger.domain.model.consent;

import java.util.Locale;
import java.util.regex.Pattern;

/** A consortium member's id in consents: its account address, left-padded to 32 bytes, as lower-case hex. */
public final class MemberId {

    private static final Pattern ADDRESS = Pattern.compile("(0x)?[0-9a-fA-F]{40}");

    private MemberId() {
    }

    public static String ofAddress(String address) {
        if (!ADDRESS.matcher(address).matches()) {
            throw new IllegalArgumentException("An account address is 40 hex digits, optionally after 0x");
        }
        return "0".repeat(24) + address.substring(address.length() - 40).toLowerCase(Locale.ROOT);
    }
}
