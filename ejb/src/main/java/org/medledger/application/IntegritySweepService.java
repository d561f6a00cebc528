package org.medledger.application;

/** Verifies every stored record version against its hash and the chain, and raises an alert for each mismatch. */
public interface IntegritySweepService {

    /** Runs a sweep now and returns its report; waits for a sweep already running to finish first. */
    IntegritySweepReport sweep(String triggeredBy);

    /** Starts a sweep in the background and returns at once; false (nothing started) while a sweep is running. */
    boolean startSweep(String triggeredBy);

    /** The sweep running now, or null when none is. */
    IntegritySweepProgress running();

    /** The most recent finished sweep, or null when none has run. */
    IntegritySweepReport latest();
}
