package org.medledger.application.portal;

/**
 * Every chain transaction this hospital sent on behalf of one portal user, for ledger operators and auditors; each
 * lookup is itself an AuditEvent.
 */
public interface TransactionRecords {

    /** At most this many transactions per answer, newest first. */
    int LIMIT = 500;

    /**
     * For a patient: their consent grants and revocations, emergency access declared on their records, and the anchor
     * transactions of every version of their records. For a doctor: consents granted to them (and revoked), the
     * emergency access they declared, and the anchors of the observations they recorded as performer.
     */
    UserTransactions of(String staffUsername, String subjectUsername);
}
