package org.medledger.application.signin;

import java.util.Optional;

/**
 * The sign-in methods a signed-in user manages on their profile page: a patient's linked Ethereum wallet, a staff
 * member's TOTP second factor. Every method checks the caller's role.
 */
public interface SignInMethods {

    enum SecondFactorState { OFF, ENROLLING, ON }

    /** A second factor being set up: the secret for the authenticator app, as base32 and as an otpauth:// URI. */
    record SecondFactorEnrolment(String secret, String uri) {
    }

    /** The patient's linked wallet address (EIP-55 checksummed), if any. */
    Optional<String> linkedWallet(String username);

    /** The EIP-4361 message the patient's wallet {@code address} is to sign to be linked. */
    String walletLinkMessage(String username, String address, String domain, String uri);

    /** Links the wallet that signed the link message; a wallet links to one account at most. Returns the address. */
    String linkWallet(String username, String message, String signature, String domain);

    void unlinkWallet(String username);

    SecondFactorState secondFactor(String username);

    /** Starts (or starts over) setting up a second factor: a fresh secret, not used for sign-in until confirmed. */
    SecondFactorEnrolment beginSecondFactor(String username);

    /** The secret of the set-up in progress, to show it again. */
    Optional<SecondFactorEnrolment> enrolment(String username);

    /** Confirms the set-up with a current code from the app; from now on sign-in asks for a code. */
    void confirmSecondFactor(String username, String code);

    /** Turns the second factor off, with a current code. */
    void turnOffSecondFactor(String username, String code);
}
