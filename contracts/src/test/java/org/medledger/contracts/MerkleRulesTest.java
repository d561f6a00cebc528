package org.medledger.contracts;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.web3j.crypto.Hash;

/** The test-side Merkle rules themselves, checked by hand before the chain is asked to agree with them. */
class MerkleRulesTest {

    private static byte[] leaf(int n) {
        byte[] leaf = new byte[32];
        leaf[0] = (byte) 0xF0; // high bit set: unsigned ordering differs from signed
        leaf[31] = (byte) n;
        return Hash.sha256(leaf);
    }

    private static byte[] leafNode(byte[] leaf) {
        return Hash.sha3(MerkleRules.concat(new byte[]{0x00}, leaf));
    }

    @Test
    void aSingleLeafIsItsOwnRootWithAnEmptyProof() {
        MerkleRules tree = new MerkleRules(List.of(leaf(1)));
        assertArrayEquals(leafNode(leaf(1)), tree.root());
        assertEquals(0, tree.proof(0).size());
    }

    @Test
    void anOddLastNodeIsPromotedAndContributesNothingToItsProof() {
        List<byte[]> leaves = List.of(leaf(1), leaf(2), leaf(3));
        MerkleRules tree = new MerkleRules(leaves);
        byte[] left = MerkleRules.inner(leafNode(leaf(1)), leafNode(leaf(2)));
        assertArrayEquals(MerkleRules.inner(left, leafNode(leaf(3))), tree.root());
        List<byte[]> proofOfLast = tree.proof(2);
        assertEquals(1, proofOfLast.size());
        assertArrayEquals(left, proofOfLast.get(0));
        List<byte[]> proofOfFirst = tree.proof(0);
        assertEquals(2, proofOfFirst.size());
        assertArrayEquals(leafNode(leaf(2)), proofOfFirst.get(0));
        assertArrayEquals(leafNode(leaf(3)), proofOfFirst.get(1));
    }

    @Test
    void innerNodesSortTheirChildrenAsUnsignedBigEndian() {
        byte[] low = new byte[32];
        byte[] high = new byte[32];
        low[0] = 0x7F;
        high[0] = (byte) 0x80; // negative as a signed byte, larger unsigned
        byte[] expected = Hash.sha3(MerkleRules.concat(new byte[]{0x01}, low, high));
        assertArrayEquals(expected, MerkleRules.inner(low, high));
        assertArrayEquals(expected, MerkleRules.inner(high, low));
    }

    @Test
    void foldingAProofReproducesTheRootForEveryLeaf() {
        for (int size = 1; size <= 33; size++) {
            List<byte[]> leaves = new ArrayList<>();
            for (int i = 0; i < size; i++) {
                leaves.add(leaf(i));
            }
            MerkleRules tree = new MerkleRules(leaves);
            for (int i = 0; i < size; i++) {
                byte[] node = leafNode(leaves.get(i));
                for (byte[] sibling : tree.proof(i)) {
                    node = MerkleRules.inner(node, sibling);
                }
                assertArrayEquals(tree.root(), node, "leaf " + i + " of " + size);
            }
        }
    }
}
