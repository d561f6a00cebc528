/**
 * Merkle batches of record-version hashes, built by exactly the rules of the RecordAnchor contract's {@code verify}.
 * May depend on the JDK and Bouncy Castle only; nothing else in MedLedger.
 */
package org.medledger.infrastructure.ledger.merkle;
