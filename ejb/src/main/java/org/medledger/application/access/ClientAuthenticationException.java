package org.medledger.application.access;

import jakarta.ejb.ApplicationException;

/**
 * A token request refused, with its OAuth 2.0 error code ({@code invalid_client}, {@code invalid_request},
 * {@code invalid_scope}, {@code unsupported_grant_type}) and a description that never echoes the assertion.
 */
@ApplicationException(rollback = true)
public class ClientAuthenticationException extends RuntimeException {

    private final String error;

    public ClientAuthenticationException(String error, String description) {
        super(description);
        this.error = error;
    }

    public String error() {
        return error;
    }
}
