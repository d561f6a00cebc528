package org.medledger.application;

import jakarta.ejb.ApplicationException;

/** No such resource or version (HTTP 404 at the API). */
@ApplicationException(rollback = true)
public class RecordNotFoundException extends RuntimeException {

    public RecordNotFoundException(String reference) {
        super(reference + " is not known to this server");
    }
}
