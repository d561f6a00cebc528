package org.medledger.application;

import java.util.function.Supplier;

/**
 * Runs several record operations as one JTA transaction: all of them commit, or none does (a FHIR
 * transaction bundle). The operations' own beans join the transaction.
 */
public interface UnitOfWork {

    /**
     * @return what {@code work} returns, after the commit
     * @throws WorkRolledBackException wrapping what {@code work} threw; nothing it wrote remains
     */
    <T> T inOneTransaction(Supplier<T> work);
}
