/**
 * Ledger bookkeeping: where the consortium contracts live on the configured chain.
 * Depends on Jakarta Persistence annotations only.
 */
package org.medledger.domain.model.ledger;
