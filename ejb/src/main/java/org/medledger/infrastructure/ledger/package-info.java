/**
 * The chain: the web3j ledger gateway, the hospital's signing account and the anchor batcher.
 * May depend on the domain model, configuration, crypto and the generated contract wrappers.
 */
package org.medledger.infrastructure.ledger;
