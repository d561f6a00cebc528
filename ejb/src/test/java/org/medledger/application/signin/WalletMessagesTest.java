package org.medledger.application.signin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.medledger.domain.model.identity.SignInWithEthereumMessage;
import org.web3j.crypto.ECKeyPair;
import org.web3j.crypto.Keys;
import org.web3j.crypto.Sign;

class WalletMessagesTest {

    private static final ECKeyPair KEY = ECKeyPair.create(HexFormat.of().parseHex(
            "4c0883a69102937d6231471b5dbb6204fe5129617082792ae468d01a3f362318"));

    private static SignInWithEthereumMessage message() {
        return new SignInWithEthereumMessage("portal.example:8443", Keys.toChecksumAddress(Keys.getAddress(KEY)),
                "Sign in to the MedLedger portal.", "https://portal.example:8443/portal/login.xhtml", 31337,
                "0123456789abcdef0123456789abcdef", Instant.parse("2026-12-04T10:00:00Z"),
                Instant.parse("2026-12-04T10:05:00Z"));
    }

    private static String sign(String text, ECKeyPair key) {
        Sign.SignatureData signature = Sign.signPrefixedMessage(text.getBytes(StandardCharsets.UTF_8), key);
        HexFormat hex = HexFormat.of();
        return "0x" + hex.formatHex(signature.getR()) + hex.formatHex(signature.getS()) + hex.formatHex(signature.getV());
    }

    @Test
    void writesTheEip4361LayoutAndReadsItBack() {
        String text = message().text();
        assertTrue(text.startsWith("portal.example:8443 wants you to sign in with your Ethereum account:\n0x"), text);
        assertTrue(text.endsWith("\nURI: https://portal.example:8443/portal/login.xhtml\nVersion: 1\nChain ID: 31337\n"
                + "Nonce: 0123456789abcdef0123456789abcdef\nIssued At: 2026-12-04T10:00:00Z\n"
                + "Expiration Time: 2026-12-04T10:05:00Z"), text);
        assertEquals(message(), SignInWithEthereumMessage.parse(text).orElseThrow());
    }

    @Test
    void readsNoMessageOfAnotherShape() {
        String text = message().text();
        assertTrue(SignInWithEthereumMessage.parse(text.replace("Version: 1", "Version: 2")).isEmpty());
        assertTrue(SignInWithEthereumMessage.parse(text + "\nResources:\n- https://evil.example").isEmpty());
        assertTrue(SignInWithEthereumMessage.parse(text.replace("Nonce: 0123", "Nonce: 01-3")).isEmpty());
        assertTrue(SignInWithEthereumMessage.parse(null).isEmpty());
    }

    @Test
    void recoversThePersonalSignSigner() {
        String text = message().text();
        assertEquals("0x" + Keys.getAddress(KEY), WalletMessages.signerOf(text, sign(text, KEY)));
    }

    @Test
    void anAlteredMessageRecoversAnotherSigner() {
        String text = message().text();
        String signature = sign(text, KEY);
        String altered = text.replace("Chain ID: 31337", "Chain ID: 1");
        assertTrue(!WalletMessages.signerOf(altered, signature).equals("0x" + Keys.getAddress(KEY)));
    }

    @Test
    void refusesWhatIsNotA65ByteSignature() {
        String text = message().text();
        assertThrows(SignInRefusedException.class, () -> WalletMessages.signerOf(text, "0x1234"));
        assertThrows(SignInRefusedException.class, () -> WalletMessages.signerOf(text, "not hex at all"));
        assertThrows(SignInRefusedException.class, () -> WalletMessages.signerOf(text, null));
    }
}
