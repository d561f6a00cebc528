package org.medledger.application;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.medledger.domain.model.identity.SecondFactor;
import org.medledger.infrastructure.crypto.EnvelopeCipher;
import org.medledger.infrastructure.crypto.Kek;
import org.medledger.infrastructure.crypto.PayloadIntegrityException;
import org.medledger.infrastructure.crypto.SealedPayload;

/**
 * Seals staff TOTP secrets as record versions are sealed: AES-256-GCM under a fresh data key wrapped with the
 * hospital's current key-encryption key, bound to the login name, so a secret moved to another login fails to open.
 */
@ApplicationScoped
public class SecondFactorSecrets {

    private final EnvelopeCipher cipher = new EnvelopeCipher();

    @Inject
    private RecordSealer sealer;

    public SecondFactor seal(String username, byte[] secret, Instant at) {
        SealedPayload sealed = cipher.seal(secret, aad(username), sealer.keys().current());
        return new SecondFactor(username, sealed.ciphertextWithTag(), sealed.nonce(), sealed.wrappedDataKey(),
                sealed.kekVersion(), at);
    }

    public byte[] open(SecondFactor factor) {
        return cipher.open(payloadOf(factor), aad(factor.getUsername()), kek(factor.getKekVersion()));
    }

    /** Key rotation: the secret's data key re-wrapped under the current KEK; the ciphertext is untouched. */
    public void rewrapToCurrent(SecondFactor factor) {
        Kek current = sealer.keys().current();
        if (current.version().equals(factor.getKekVersion())) {
            return;
        }
        byte[] rewrapped = cipher.rewrap(factor.getWrappedKey(), kek(factor.getKekVersion()), current);
        factor.reseal(factor.getCiphertext(), factor.getNonce(), rewrapped, current.version());
    }

    private Kek kek(String version) {
        return sealer.keys().byVersion(version).orElseThrow(() -> new PayloadIntegrityException(
                "The key-encryption key " + version + " that wrapped a second-factor secret is gone"));
    }

    private static SealedPayload payloadOf(SecondFactor factor) {
        return new SealedPayload(factor.getCiphertext(), factor.getNonce(), factor.getWrappedKey(),
                factor.getKekVersion());
    }

    private static byte[] aad(String username) {
        return ("second-factor/" + username).getBytes(StandardCharsets.UTF_8);
    }
}
