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

    /**
     * Inside a long unit of work: writes what is pending to the database (still uncommitted) and forgets the
     * entities written so far, so the persistence context, and the cost of each further write, does not grow.
     */
    void checkpoint();
}
