package org.medledger.application.portal;

import jakarta.ejb.ApplicationException;

/** The signed-in user may not do this (wrong role, unverified credentials, no consent); the message says why. */
@ApplicationException(rollback = true)
public class PortalAccessDeniedException extends RuntimeException {

    public PortalAccessDeniedException(String message) {
        super(message);
    }
}
