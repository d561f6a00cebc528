package org.medledger.infrastructure.crypto;

import java.nio.charset.StandardCharsets;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.macs.HMac;
import org.bouncycastle.crypto.params.KeyParameter;

/** HMAC-SHA256 (Bouncy Castle) of a text in UTF-8: the keyed hash behind blind indexes and pseudonyms. */
final class HmacSha256 {

    private HmacSha256() {
    }

    /** The 32-byte HMAC-SHA256 of {@code text} under {@code key}. */
    static byte[] of(byte[] key, String text) {
        byte[] input = text.getBytes(StandardCharsets.UTF_8);
        HMac hmac = new HMac(new SHA256Digest());
        hmac.init(new KeyParameter(key));
        hmac.update(input, 0, input.length);
        byte[] out = new byte[hmac.getMacSize()];
        hmac.doFinal(out, 0);
        return out;
    }
}
