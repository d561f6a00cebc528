/**
 * Anchoring: the outbox of record-version hashes and the Merkle batches sent on chain.
 * Depends on Jakarta Persistence annotations only.
 */
package org.medledger.domain.model.anchor;
