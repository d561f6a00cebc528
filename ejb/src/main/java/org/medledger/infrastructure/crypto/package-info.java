/**
 * Record-version cryptography: canonical JSON, content hashes, envelope encryption, key-encryption keys, blind indexes, pseudonyms.
 * May depend on the JDK, Bouncy Castle and Jackson only; nothing else in MedLedger.
 */
package org.medledger.infrastructure.crypto;
