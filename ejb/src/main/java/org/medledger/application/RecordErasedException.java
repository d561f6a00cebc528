package org.medledger.application;

import jakarta.ejb.ApplicationException;

/** The version was crypto-shredded on an erasure request: its content is gone for good (HTTP 410). */
@ApplicationException(rollback = false)
public class RecordErasedException extends RuntimeException {

    public RecordErasedException(String reference) {
        super(reference + " was erased on request; only its anchored hash remains");
    }
}
