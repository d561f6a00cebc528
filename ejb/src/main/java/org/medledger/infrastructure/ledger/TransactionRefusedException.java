package org.medledger.infrastructure.ledger;

import jakarta.ejb.ApplicationException;

/**
 * A contract would refuse a transaction (its dry run reverts), so it was not sent; the message is the contract's
 * reason. An application exception, so it crosses EJB boundaries as itself.
 */
@ApplicationException(rollback = false)
public class TransactionRefusedException extends RuntimeException {

    public TransactionRefusedException(String reason) {
        super(reason);
    }
}
