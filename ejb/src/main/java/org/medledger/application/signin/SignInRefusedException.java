package org.medledger.application.signin;

import jakarta.ejb.ApplicationException;

/**
 * A sign-in proof or a sign-in method change was refused; the message says why in words the user can act on. The
 * transaction still commits, so a spent nonce stays spent and the refusal stays audited.
 */
@ApplicationException(rollback = false)
public class SignInRefusedException extends RuntimeException {

    private final boolean startOver;

    public SignInRefusedException(String message) {
        this(message, false);
    }

    /** @param startOver the sign-in has to start again from its first step */
    public SignInRefusedException(String message, boolean startOver) {
        super(message);
        this.startOver = startOver;
    }

    public boolean isStartOver() {
        return startOver;
    }
}
