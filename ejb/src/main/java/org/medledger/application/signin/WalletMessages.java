package org.medledger.application.signin;

import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.SignatureException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import org.medledger.domain.model.identity.SignInChallenge;
import org.medledger.domain.model.identity.SignInWithEthereumMessage;
import org.medledger.infrastructure.config.MedLedgerSettings;
import org.medledger.infrastructure.ledger.LedgerGateway;
import org.medledger.infrastructure.ledger.LedgerUnavailableException;
import org.web3j.crypto.Keys;
import org.web3j.crypto.Sign;
import org.web3j.utils.Numeric;

/**
 * EIP-4361 messages for wallets: this server writes each one around a single-use nonce and later accepts it, signed
 * (EIP-191), once, before it expires, on the site it was written for, from the address it names.
 */
@Stateless
public class WalletMessages {

    /** The wallet address that signed a message, lower-case, and whom the message was issued to (for a link). */
    public record SignedBy(String address, String issuedTo) {
    }

    @EJB
    private SignInChallenges challenges;

    @EJB
    private LedgerGateway ledger;

    /** A message for {@code address} to sign, for {@code purpose}; {@code username} when a signed-in user asks. */
    public String issue(SignInChallenge.Purpose purpose, String username, String address, String domain, String uri) {
        if (address == null || !address.matches("0x[0-9a-fA-F]{40}")) {
            throw new SignInRefusedException("The wallet did not give a valid Ethereum address.");
        }
        long chainId;
        try {
            chainId = ledger.chainId();
        } catch (LedgerUnavailableException e) {
            throw new SignInRefusedException("Wallet sign-in is unavailable while the chain cannot be reached. "
                    + "Try again later or sign in with your password.");
        }
        String nonce = challenges.newToken();
        Instant issued = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        Instant expires = issued.plus(MedLedgerSettings.walletMessageLifetime());
        String statement = purpose == SignInChallenge.Purpose.WALLET_LINK
                ? "Link this wallet to your MedLedger portal account, so it can sign you in."
                : "Sign in to the MedLedger portal.";
        String text = new SignInWithEthereumMessage(domain, Keys.toChecksumAddress(address), statement, uri, chainId,
                nonce, issued, expires).text();
        challenges.remember(nonce, purpose, username, text, expires);
        return text;
    }

    /**
     * Accepts a signed message once: it must be one this server issued for {@code purpose}, unused, unexpired, for
     * {@code domain}, and signed by the address it names. The nonce is spent by any attempt.
     *
     * @throws SignInRefusedException naming what was wrong
     */
    public SignedBy accept(SignInChallenge.Purpose purpose, String signedText, String signature, String domain) {
        // A form posts line breaks as CRLF; the wallet signed the message as issued, with LF.
        String text = signedText == null ? null : signedText.replace("\r\n", "\n");
        SignInWithEthereumMessage message = SignInWithEthereumMessage.parse(text).orElseThrow(() ->
                new SignInRefusedException("The signed message is not a sign-in message of this portal."));
        SignInChallenge challenge = challenges.find(message.nonce(), purpose).orElseThrow(() ->
                new SignInRefusedException("The signed message was not issued by this portal, or long ago."));
        Instant now = Instant.now();
        if (challenge.isUsed()) {
            throw new SignInRefusedException("This signed message was already used. Each message signs in once: "
                    + "start again to get a new one.");
        }
        challenge.use(now);
        if (!challenge.getMessage().equals(text)) {
            throw new SignInRefusedException("The signed message was altered after this portal issued it.");
        }
        if (challenge.isExpiredAt(now) || !message.expiresAt().isAfter(now)) {
            throw new SignInRefusedException("The signed message has expired. Start again to get a new one.");
        }
        if (!message.domain().equals(domain)) {
            throw new SignInRefusedException("The signed message was issued for another site (" + message.domain()
                    + ").");
        }
        String signer = signerOf(text, signature);
        if (!signer.equalsIgnoreCase(message.address())) {
            throw new SignInRefusedException("The signature does not match the wallet address in the message.");
        }
        return new SignedBy(signer, challenge.getUsername());
    }

    /** The address a message was signed by (EIP-191 personal_sign), lower-case. */
    static String signerOf(String text, String signature) {
        byte[] bytes;
        try {
            bytes = Numeric.hexStringToByteArray(signature == null ? "" : signature.strip());
        } catch (RuntimeException e) {
            bytes = new byte[0];
        }
        if (bytes.length != 65) {
            throw new SignInRefusedException("The wallet's signature is not a valid Ethereum signature.");
        }
        byte v = bytes[64] < 27 ? (byte) (bytes[64] + 27) : bytes[64];
        try {
            BigInteger publicKey = Sign.signedPrefixedMessageToKey(text.getBytes(StandardCharsets.UTF_8),
                    new Sign.SignatureData(v, Arrays.copyOfRange(bytes, 0, 32), Arrays.copyOfRange(bytes, 32, 64)));
            return "0x" + Keys.getAddress(publicKey).toLowerCase();
        } catch (SignatureException | RuntimeException e) {
            throw new SignInRefusedException("The wallet's signature is not a valid Ethereum signature.");
        }
    }
}
