package org.medledger.domain.model.identity;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An EIP-4361 ("Sign-In with Ethereum") message: what a wallet shows its holder and signs (EIP-191 personal_sign).
 *
 * @param domain    the authority of the site asking (host, and port when not the default)
 * @param address   the EIP-55 checksummed address that is to sign
 * @param statement what signing does, in words
 * @param uri       the page the sign-in is for
 * @param chainId   the chain the portal's consortium runs on
 * @param nonce     the server's single-use nonce
 */
public record SignInWithEthereumMessage(String domain, String address, String statement, String uri, long chainId,
                                        String nonce, Instant issuedAt, Instant expiresAt) {

    private static final Pattern FORMAT = Pattern.compile("""
            (?<domain>[^\\s/]+) wants you to sign in with your Ethereum account:
            (?<address>0x[0-9a-fA-F]{40})

            (?<statement>[^\\n]+)

            URI: (?<uri>[^\\s]+)
            Version: 1
            Chain ID: (?<chainId>[0-9]{1,18})
            Nonce: (?<nonce>[0-9a-zA-Z]{8,64})
            Issued At: (?<issuedAt>[^\\s]+)
            Expiration Time: (?<expiresAt>[^\\s]+)""");

    /** The message text exactly as the wallet signs it. */
    public String text() {
        return """
                %s wants you to sign in with your Ethereum account:
                %s

                %s

                URI: %s
                Version: 1
                Chain ID: %d
                Nonce: %s
                Issued At: %s
                Expiration Time: %s""".formatted(domain, address, statement, uri, chainId, nonce, issuedAt,
                expiresAt);
    }

    /** The message's fields, when {@code text} has exactly the shape this portal issues. */
    public static Optional<SignInWithEthereumMessage> parse(String text) {
        if (text == null || text.length() > 1024) {
            return Optional.empty();
        }
        Matcher fields = FORMAT.matcher(text.replace("\r\n", "\n"));
        if (!fields.matches()) {
            return Optional.empty();
        }
        try {
            return Optional.of(new SignInWithEthereumMessage(fields.group("domain"), fields.group("address"),
                    fields.group("statement"), fields.group("uri"), Long.parseLong(fields.group("chainId")),
                    fields.group("nonce"), Instant.parse(fields.group("issuedAt")),
                    Instant.parse(fields.group("expiresAt"))));
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }
}
