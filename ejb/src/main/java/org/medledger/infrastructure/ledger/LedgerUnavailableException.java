package org.medledger.infrastructure.ledger;

import jakarta.ejb.ApplicationException;

/**
 * The chain node cannot be reached or refused the request; callers retry later. An application
 * exception, so it crosses EJB boundaries as itself and rolls nothing back.
 */
@ApplicationException(rollback = false)
public class LedgerUnavailableException extends RuntimeException {

    public LedgerUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
