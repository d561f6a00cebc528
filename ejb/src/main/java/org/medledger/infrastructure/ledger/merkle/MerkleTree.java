package org.medledger.infrastructure.ledger.merkle;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import org.bouncycastle.crypto.digests.KeccakDigest;

/**
 * A Merkle tree over record-version hashes, built by exactly the rules of the {@code RecordAnchor} contract's
 * {@code verify} (any change here must be made there too, and the vectors in {@code merkle-vectors.json} redone):
 * <ul>
 *   <li>a leaf value L is the 32-byte SHA-256 of a record version; its node is {@code keccak256(0x00 ‖ L)};</li>
 *   <li>an inner node is {@code keccak256(0x01 ‖ min(a,b) ‖ max(a,b))}, the pair sorted as unsigned big-endian
 *       256-bit numbers, so a proof needs no left/right flags;</li>
 *   <li>each level pairs nodes (0,1), (2,3), …; an odd last node is promoted unchanged to the next level;</li>
 *   <li>the root of a single leaf is its leaf node;</li>
 *   <li>a proof is the sibling nodes from the leaf up, skipping levels where the node was promoted.</li>
 * </ul>
 * Keccak-256 is the original Keccak (Ethereum's {@code keccak256}), not FIPS-202 SHA3-256. Building is O(n), a proof
 * O(log n). Immutable and thread-safe once built.
 */
public final class MerkleTree {

    public static final int NODE_BYTES = 32;
    private static final byte LEAF_PREFIX = 0x00;
    private static final byte INNER_PREFIX = 0x01;

    // levels[0] holds the leaf nodes, the last level the root; each level is its nodes back to back.
    private final byte[][] levels;
    private final int size;

    private MerkleTree(byte[][] levels, int size) {
        this.levels = levels;
        this.size = size;
    }

    /** Builds the tree over leaf values (32-byte SHA-256 record-version hashes) in the order given. */
    public static MerkleTree build(List<byte[]> leaves) {
        Objects.requireNonNull(leaves, "leaves");
        if (leaves.isEmpty()) {
            throw new IllegalArgumentException("A Merkle tree needs at least one leaf");
        }
        KeccakDigest keccak = new KeccakDigest(256);
        List<byte[]> levels = new ArrayList<>();
        byte[] level = new byte[leaves.size() * NODE_BYTES];
        for (int i = 0; i < leaves.size(); i++) {
            byte[] leaf = leaves.get(i);
            if (leaf == null || leaf.length != NODE_BYTES) {
                throw new IllegalArgumentException("Leaf " + i + " is not a 32-byte hash");
            }
            hash(keccak, LEAF_PREFIX, leaf, 0, null, 0, level, i * NODE_BYTES);
        }
        levels.add(level);
        while (level.length > NODE_BYTES) {
            int count = level.length / NODE_BYTES;
            byte[] next = new byte[((count + 1) / 2) * NODE_BYTES];
            for (int i = 0; i + 1 < count; i += 2) {
                inner(keccak, level, i * NODE_BYTES, level, (i + 1) * NODE_BYTES, next, (i / 2) * NODE_BYTES);
            }
            if (count % 2 == 1) {
                System.arraycopy(level, (count - 1) * NODE_BYTES, next, (count / 2) * NODE_BYTES, NODE_BYTES);
            }
            levels.add(next);
            level = next;
        }
        return new MerkleTree(levels.toArray(new byte[0][]), leaves.size());
    }

    /** Number of leaves. */
    public int size() {
        return size;
    }

    /** The 32-byte root anchored on chain. */
    public byte[] root() {
        return levels[levels.length - 1].clone();
    }

    /** Sibling nodes from leaf {@code index} up to the root; empty for a single-leaf tree. */
    public List<byte[]> proof(int index) {
        Objects.checkIndex(index, size);
        List<byte[]> proof = new ArrayList<>(levels.length);
        int position = index;
        for (int l = 0; l < levels.length - 1; l++) {
            int count = levels[l].length / NODE_BYTES;
            int sibling = position ^ 1;
            if (sibling < count) {
                int from = sibling * NODE_BYTES;
                proof.add(Arrays.copyOfRange(levels[l], from, from + NODE_BYTES));
            }
            position >>= 1;
        }
        return Collections.unmodifiableList(proof);
    }

    /**
     * Whether {@code proof} leads from leaf value {@code leaf} to {@code root}, as the contract's {@code verify}
     * decides. Malformed input (a value that is not 32 bytes) does not verify.
     */
    public static boolean verify(byte[] leaf, List<byte[]> proof, byte[] root) {
        Objects.requireNonNull(leaf, "leaf");
        Objects.requireNonNull(proof, "proof");
        Objects.requireNonNull(root, "root");
        if (leaf.length != NODE_BYTES || root.length != NODE_BYTES) {
            return false;
        }
        KeccakDigest keccak = new KeccakDigest(256);
        byte[] node = new byte[NODE_BYTES];
        hash(keccak, LEAF_PREFIX, leaf, 0, null, 0, node, 0);
        for (byte[] sibling : proof) {
            if (sibling == null || sibling.length != NODE_BYTES) {
                return false;
            }
            inner(keccak, node, 0, sibling, 0, node, 0);
        }
        return Arrays.equals(node, root);
    }

    /** {@code keccak256(0x00 ‖ leaf)}. */
    public static byte[] leafNode(byte[] leaf) {
        Objects.requireNonNull(leaf, "leaf");
        if (leaf.length != NODE_BYTES) {
            throw new IllegalArgumentException("A leaf is a 32-byte hash");
        }
        byte[] out = new byte[NODE_BYTES];
        hash(new KeccakDigest(256), LEAF_PREFIX, leaf, 0, null, 0, out, 0);
        return out;
    }

    /** {@code keccak256(0x01 ‖ min(a,b) ‖ max(a,b))}, compared as unsigned big-endian numbers. */
    public static byte[] innerNode(byte[] a, byte[] b) {
        Objects.requireNonNull(a, "a");
        Objects.requireNonNull(b, "b");
        if (a.length != NODE_BYTES || b.length != NODE_BYTES) {
            throw new IllegalArgumentException("Inner nodes combine two 32-byte nodes");
        }
        byte[] out = new byte[NODE_BYTES];
        inner(new KeccakDigest(256), a, 0, b, 0, out, 0);
        return out;
    }

    private static void inner(KeccakDigest keccak, byte[] a, int aOff, byte[] b, int bOff, byte[] out, int outOff) {
        // Arrays.compareUnsigned over equal lengths is unsigned big-endian order, as Solidity compares bytes32.
        if (Arrays.compareUnsigned(a, aOff, aOff + NODE_BYTES, b, bOff, bOff + NODE_BYTES) <= 0) {
            hash(keccak, INNER_PREFIX, a, aOff, b, bOff, out, outOff);
        } else {
            hash(keccak, INNER_PREFIX, b, bOff, a, aOff, out, outOff);
        }
    }

    // out may alias an input: the digest has consumed its inputs before doFinal writes.
    private static void hash(KeccakDigest keccak, byte prefix, byte[] first, int firstOff,
                             byte[] second, int secondOff, byte[] out, int outOff) {
        keccak.update(prefix);
        keccak.update(first, firstOff, NODE_BYTES);
        if (second != null) {
            keccak.update(second, secondOff, NODE_BYTES);
        }
        keccak.doFinal(out, outOff);
    }
}
