package org.medledger.application.consent;

import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;

/** Runs an in-memory change once the current transaction has committed, and never when it rolls back. */
final class AfterCommit {

    private AfterCommit() {
    }

    static void run(TransactionSynchronizationRegistry transaction, Runnable change) {
        transaction.registerInterposedSynchronization(new Synchronization() {
            @Override
            public void beforeCompletion() {
            }

            @Override
            public void afterCompletion(int status) {
                if (status == Status.STATUS_COMMITTED) {
                    change.run();
                }
            }
        });
    }
}
