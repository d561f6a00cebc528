package org.medledger.application;

import jakarta.ejb.ApplicationException;

/** A {@link UnitOfWork} failed and was rolled back; the cause says why. */
@ApplicationException(rollback = true)
public class WorkRolledBackException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public WorkRolledBackException(RuntimeException cause) {
        super(cause.getMessage(), cause);
    }
}
