package org.medledger.application;

import jakarta.ejb.ApplicationException;

/** The client's expected version is not the current one (HTTP 412 at the API). */
@ApplicationException(rollback = true)
public class VersionConflictException extends RuntimeException {

    public VersionConflictException(String reference, int expected, int current) {
        super(reference + ": expected version " + expected + " but the current version is " + current);
    }
}
