package org.medledger.application;

import jakarta.ejb.ApplicationException;

/** Content that cannot be stored as given (HTTP 400 at the API). The message never quotes the content. */
@ApplicationException(rollback = true)
public class InvalidRecordException extends RuntimeException {

    public InvalidRecordException(String message) {
        super(message);
    }
}
