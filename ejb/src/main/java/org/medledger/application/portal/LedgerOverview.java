package org.medledger.application.portal;

/** The ledger as a ledger operator (or an auditor) sees it: the node, its network, anchoring and its health. */
public interface LedgerOverview {

    /** At most this many recent anchor transactions are listed. */
    int RECENT_ANCHORS = 20;

    LedgerStatus status(String staffUsername);
}
