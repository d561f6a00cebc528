package org.medledger.application.portal;

/** An auditor's integrity sweeps from the portal: start one in the background, follow it, read the last result. */
public interface IntegrityChecks {

    /** Starts a sweep in the background; false when one is already running (that one is followed instead). */
    boolean start(String auditorUsername);

    IntegrityStatus status(String auditorUsername);
}
