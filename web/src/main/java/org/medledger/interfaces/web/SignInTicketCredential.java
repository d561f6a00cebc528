package org.medledger.interfaces.web;

import jakarta.security.enterprise.credential.Credential;

/**
 * A single-use ticket the sign-in service issued after checking a proof (password, password and code, or a signed
 * wallet message): what the portal's security mechanism signs a caller in with, whatever the method.
 */
final class SignInTicketCredential implements Credential {

    private final String ticket;

    SignInTicketCredential(String ticket) {
        this.ticket = ticket;
    }

    String ticket() {
        return ticket;
    }
}
