package org.medledger.infrastructure.ledger.merkle;

import java.util.List;
import java.util.Objects;
import org.bouncycastle.crypto.digests.KeccakDigest;

/**
 * The deterministic id of an anchor batch: {@code keccak256(L0 ‖ L1 ‖ … ‖ Ln-1)} over its 32-byte leaf values in
 * batch order. Resending the same batch after a crash yields the same id, so the chain can tell it was already
 * anchored.
 */
public final class BatchId {

    private BatchId() {
    }

    /** The 32-byte id of a batch of leaf values, in the order they are anchored. */
    public static byte[] of(List<byte[]> leaves) {
        Objects.requireNonNull(leaves, "leaves");
        if (leaves.isEmpty()) {
            throw new IllegalArgumentException("A batch needs at least one leaf");
        }
        KeccakDigest keccak = new KeccakDigest(256);
        for (int i = 0; i < leaves.size(); i++) {
            byte[] leaf = leaves.get(i);
            if (leaf == null || leaf.length != MerkleTree.NODE_BYTES) {
                throw new IllegalArgumentException("Leaf " + i + " is not a 32-byte hash");
            }
            keccak.update(leaf, 0, leaf.length);
        }
        byte[] id = new byte[MerkleTree.NODE_BYTES];
        keccak.doFinal(id, 0);
        return id;
    }
}
