package org.medledger.infrastructure.ledger.merkle;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class MerkleTreeTest {

    private static List<byte[]> randomLeaves(Random random, int count) {
        List<byte[]> leaves = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            byte[] leaf = new byte[32];
            random.nextBytes(leaf);
            leaves.add(leaf);
        }
        return leaves;
    }

    private static byte[] flip(byte[] value, int bit) {
        byte[] copy = value.clone();
        copy[bit / 8] ^= (byte) (1 << (bit % 8));
        return copy;
    }

    @Test
    void everyLeafOfRandomTreesOfSizesOneToThreeHundredProvesItsRoot() {
        Random random = new Random(20261122);
        for (int size = 1; size <= 300; size++) {
            List<byte[]> leaves = randomLeaves(random, size);
            MerkleTree tree = MerkleTree.build(leaves);
            byte[] root = tree.root();
            assertEquals(size, tree.size());
            int maxDepth = 32 - Integer.numberOfLeadingZeros(size - 1);
            for (int i = 0; i < size; i++) {
                List<byte[]> proof = tree.proof(i);
                assertTrue(proof.size() <= maxDepth, "proof longer than ceil(log2 n)");
                assertTrue(MerkleTree.verify(leaves.get(i), proof, root), "size " + size + " leaf " + i);
            }
        }
    }

    @Test
    void tamperedProofsLeavesAndRootsAreRejected() {
        Random random = new Random(7);
        for (int size = 1; size <= 300; size += 7) {
            List<byte[]> leaves = randomLeaves(random, size);
            MerkleTree tree = MerkleTree.build(leaves);
            byte[] root = tree.root();
            for (int i = 0; i < size; i++) {
                List<byte[]> proof = tree.proof(i);
                int bit = random.nextInt(256);
                assertFalse(MerkleTree.verify(flip(leaves.get(i), bit), proof, root));
                assertFalse(MerkleTree.verify(leaves.get(i), proof, flip(root, bit)));
                if (!proof.isEmpty()) {
                    List<byte[]> altered = new ArrayList<>(proof);
                    int at = random.nextInt(altered.size());
                    altered.set(at, flip(altered.get(at), bit));
                    assertFalse(MerkleTree.verify(leaves.get(i), altered, root));
                    assertFalse(MerkleTree.verify(leaves.get(i), proof.subList(0, proof.size() - 1), root));
                    List<byte[]> extended = new ArrayList<>(proof);
                    extended.add(root);
                    assertFalse(MerkleTree.verify(leaves.get(i), extended, root));
                }
                if (size > 1) {
                    int other = (i + 1) % size;
                    assertFalse(MerkleTree.verify(leaves.get(other), proof, root)
                                    && !Arrays.equals(leaves.get(other), leaves.get(i)),
                            "another leaf must not verify with this leaf's proof");
                }
            }
        }
    }

    @Test
    void innerNodeIsOrderIndependentAndUnsignedOrdered() {
        byte[] low = new byte[32];
        byte[] high = new byte[32];
        low[0] = 0x7f;
        high[0] = (byte) 0x80; // negative as a Java byte, greater unsigned
        assertArrayEquals(MerkleTree.innerNode(low, high), MerkleTree.innerNode(high, low));
        byte[] sortedConcat = new byte[65];
        sortedConcat[0] = 0x01;
        System.arraycopy(low, 0, sortedConcat, 1, 32);
        System.arraycopy(high, 0, sortedConcat, 33, 32);
        assertArrayEquals(MerkleVectorsTest.keccak(sortedConcat), MerkleTree.innerNode(high, low));
    }

    @Test
    void leafAndInnerNodesAreDomainSeparated() {
        byte[] leaf = new byte[32];
        Arrays.fill(leaf, (byte) 3);
        MerkleTree tree = MerkleTree.build(List.of(leaf, leaf));
        // a two-leaf root must not verify as if it were itself a leaf of a one-leaf tree
        assertFalse(MerkleTree.verify(tree.root(), List.of(), tree.root()));
        assertTrue(MerkleTree.verify(leaf, tree.proof(1), tree.root()));
    }

    @Test
    void tenThousandLeavesBuildWithShortProofs() {
        List<byte[]> leaves = randomLeaves(new Random(1), 10_001);
        MerkleTree tree = MerkleTree.build(leaves);
        byte[] root = tree.root();
        for (int i : new int[] {0, 1, 4_999, 10_000}) {
            List<byte[]> proof = tree.proof(i);
            assertTrue(proof.size() <= 14, "proof of " + proof.size() + " nodes");
            assertTrue(MerkleTree.verify(leaves.get(i), proof, root));
        }
    }

    @Test
    void emptyOrMalformedInputIsRejected() {
        assertThrows(IllegalArgumentException.class, () -> MerkleTree.build(List.of()));
        assertThrows(IllegalArgumentException.class, () -> MerkleTree.build(List.of(new byte[31])));
        MerkleTree tree = MerkleTree.build(randomLeaves(new Random(2), 3));
        assertThrows(IndexOutOfBoundsException.class, () -> tree.proof(3));
        assertThrows(IndexOutOfBoundsException.class, () -> tree.proof(-1));
        assertFalse(MerkleTree.verify(new byte[32], List.of(new byte[31]), tree.root()));
        assertFalse(MerkleTree.verify(new byte[31], List.of(), tree.root()));
    }

    @Test
    void rootAndProofsAreCopiesCallersCannotCorrupt() {
        List<byte[]> leaves = randomLeaves(new Random(3), 4);
        MerkleTree tree = MerkleTree.build(leaves);
        byte[] root = tree.root();
        tree.root()[0] ^= 1;
        tree.proof(0).get(0)[0] ^= 1;
        assertArrayEquals(root, tree.root());
        assertTrue(MerkleTree.verify(leaves.get(0), tree.proof(0), root));
    }
}
