package org.medledger.application.search;

import jakarta.ejb.ApplicationException;

/** A search the server cannot run as asked: unknown parameter, malformed value (HTTP 400). */
@ApplicationException(rollback = false)
public class InvalidSearchException extends RuntimeException {

    public InvalidSearchException(String message) {
        super(message);
    }
}
