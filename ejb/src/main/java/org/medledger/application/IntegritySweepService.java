package org.medledger.application;

/** Verifies every stored record version against its hash and the chain, and raises an alert for each mismatch. */
public interface IntegritySweepService {

    /** Runs a sweep now and returns its report. */
    IntegritySweepReport sweep(String triggeredBy);

    /** The most recent finished sweep, or null when none has run. */
    IntegritySweepReport latest();
}
