package org.medledger.infrastructure.ledger;

/** A mined anchor transaction: where it landed and whether it succeeded. */
public record AnchorReceipt(String txHash, long blockNumber, long gasUsed, boolean succeeded) {
}
