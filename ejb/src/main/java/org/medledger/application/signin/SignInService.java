package org.medledger.application.signin;

import java.util.Optional;
import org.medledger.application.AuthenticatedUser;

/**
 * The proofs a portal user signs in with. Each successful proof yields a single-use ticket that the portal's
 * security mechanism redeems (so every method signs in the same way); every refusal is audited and throws
 * {@link SignInRefusedException}.
 */
public interface SignInService {

    /** The password step's result: a ticket, or (for logins with a second factor) a token for the code step. */
    record PasswordStep(boolean codeNeeded, String token) {
    }

    /**
     * Checks a password; wrong passwords count towards the lockout. One message for every refusal, so it never
     * tells whether a user exists or is locked.
     */
    PasswordStep checkPassword(String username, char[] password);

    /** Checks the 6-digit code of the password step's token; wrong codes count towards the lockout. Returns a ticket. */
    String checkCode(String pendingToken, String code);

    /** The EIP-4361 message {@code address} is to sign to sign in at {@code domain}. */
    String walletMessage(String address, String domain, String uri);

    /** Accepts a signed wallet message once and returns a ticket for the patient the wallet is linked to. */
    String signInWithWallet(String message, String signature, String domain);

    /** The user a ticket was issued for; empty when it is unknown, used or expired. */
    Optional<AuthenticatedUser> redeem(String ticket);
}
