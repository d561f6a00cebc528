package org.medledger.application;

import java.util.List;

/**
 * The outcome of checking one stored record version against its on-chain anchor.
 *
 * @param reference       "Type/id/_history/n"
 * @param status          overall verdict
 * @param computedHash    SHA-256 recomputed from the decrypted content (hex), null if it could not be decrypted
 * @param storedHash      the hash recorded at write time (hex)
 * @param merkleRoot      anchored root (hex) once batched
 * @param leafIndex       position of the leaf in its batch
 * @param proof           sibling hashes bottom-up (hex)
 * @param txHash          anchor transaction
 * @param blockNumber     block that mined it
 * @param proofVerifiedOnChain the contract's own {@code verify(leaf, proof, root)} answer; null when not asked
 * @param anchorContract  address of the RecordAnchor contract holding the root, so anyone can re-check it
 * @param detail          one human-readable sentence, never containing record content
 */
public record VerificationReport(String reference, Status status, String computedHash, String storedHash,
                                 String merkleRoot, Integer leafIndex, List<String> proof, String txHash,
                                 Long blockNumber, Boolean proofVerifiedOnChain, String anchorContract,
                                 String detail) {

    public enum Status {
        /** Content, stored hash, Merkle proof and on-chain root all agree. */
        MATCHED,
        /** Something disagrees: tampered content, hash or proof. */
        MISMATCHED,
        /** Stored and consistent, but not yet anchored on chain. */
        PENDING,
        /** The payload was crypto-shredded; only the anchored hash remains. */
        ERASED
    }
}
