package org.medledger.infrastructure.ledger;

/**
 * A mined consent transaction: its block, whether the contract accepted it, and for a grant the consent id the
 * contract assigned (-1 otherwise).
 */
public record ConsentReceipt(String txHash, long block, boolean succeeded, long grantedConsentId) {
}
