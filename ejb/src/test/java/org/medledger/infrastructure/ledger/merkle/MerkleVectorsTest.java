package org.medledger.infrastructure.ledger.merkle;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.web3j.crypto.Hash;

/**
 * Pins the tree rules shared with the RecordAnchor contract. Expected values are computed here by spelling out each
 * tree by hand with web3j's keccak256 (an API independent of {@link MerkleTree}'s own hashing), and are also kept in
 * {@code merkle-vectors.json} for the Solidity tests to reuse.
 */
class MerkleVectorsTest {

    private static final HexFormat HEX = HexFormat.of();

    // Roots for leaves sha256("leaf-0"), sha256("leaf-1"), ...; also checked by an independent Keccak implementation.
    private static final Map<Integer, String> PINNED_ROOTS = Map.of(
            1, "2d9b82212ec35d3c8d31830db874698eacb59bddde61b5a6f51ba1945d072c71",
            2, "1935b06720ed3343030d9dbbfca3b58d97dd9fef3c584ff47af4068e06f68f1f",
            3, "1ab1ab2cd2b1536ca47ffc83f7f2f8fcdf34467e8c385e75f3970f42acf5ec9c",
            5, "b502e8f49ca996192ebb8204cbd773d9102a2c55795fd064bfbb989860dc6750");

    static byte[] keccak(byte[] input) {
        return Hash.sha3(input); // web3j's sha3 is Ethereum keccak256
    }

    private static byte[] leafNode(byte[] leaf) {
        return keccak(concat(new byte[] {0x00}, leaf));
    }

    private static byte[] innerNode(byte[] a, byte[] b) {
        boolean aFirst = new BigInteger(1, a).compareTo(new BigInteger(1, b)) <= 0;
        return keccak(concat(new byte[] {0x01}, aFirst ? a : b, aFirst ? b : a));
    }

    private static byte[] concat(byte[]... parts) {
        int length = 0;
        for (byte[] part : parts) {
            length += part.length;
        }
        byte[] out = new byte[length];
        int at = 0;
        for (byte[] part : parts) {
            System.arraycopy(part, 0, out, at, part.length);
            at += part.length;
        }
        return out;
    }

    private static List<byte[]> leaves(int count) throws NoSuchAlgorithmException {
        List<byte[]> leaves = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            leaves.add(MessageDigest.getInstance("SHA-256").digest(("leaf-" + i).getBytes(StandardCharsets.UTF_8)));
        }
        return leaves;
    }

    /** Roots written out tree by tree, as the rules describe them. */
    private static byte[] handBuiltRoot(List<byte[]> l) {
        switch (l.size()) {
            case 1:
                return leafNode(l.get(0));
            case 2:
                return innerNode(leafNode(l.get(0)), leafNode(l.get(1)));
            case 3: // leaf 2 promoted at level 0
                return innerNode(innerNode(leafNode(l.get(0)), leafNode(l.get(1))), leafNode(l.get(2)));
            case 5: // leaf 4 promoted twice
                return innerNode(
                        innerNode(innerNode(leafNode(l.get(0)), leafNode(l.get(1))),
                                innerNode(leafNode(l.get(2)), leafNode(l.get(3)))),
                        leafNode(l.get(4)));
            default:
                throw new IllegalArgumentException("no hand-built tree for " + l.size());
        }
    }

    @Test
    void keccakIsEthereumKeccak256NotSha3() {
        assertEquals("c5d2460186f7233c927e7db2dcc703c0e500b653ca82273b7bfad8045d85a470", HEX.formatHex(keccak(new byte[0])));
        assertEquals(HEX.formatHex(keccak(concat(new byte[] {0}, new byte[32]))), HEX.formatHex(MerkleTree.leafNode(new byte[32])));
    }

    @Test
    void rootsOfOneTwoThreeAndFiveLeavesMatchHandBuiltTreesAndPinnedValues() throws Exception {
        for (int size : new int[] {1, 2, 3, 5}) {
            List<byte[]> leaves = leaves(size);
            byte[] expected = handBuiltRoot(leaves);
            MerkleTree tree = MerkleTree.build(leaves);
            System.out.println("merkle vector: " + size + " leaves -> root 0x" + HEX.formatHex(tree.root()));
            assertEquals(HEX.formatHex(expected), HEX.formatHex(tree.root()), size + " leaves");
            assertEquals(PINNED_ROOTS.get(size), HEX.formatHex(tree.root()), size + " leaves");
        }
    }

    @Test
    void fiveLeafProofsFollowThePromotionRule() throws Exception {
        List<byte[]> l = leaves(5);
        MerkleTree tree = MerkleTree.build(l);
        byte[] n01 = innerNode(leafNode(l.get(0)), leafNode(l.get(1)));
        byte[] n23 = innerNode(leafNode(l.get(2)), leafNode(l.get(3)));
        assertProof(List.of(leafNode(l.get(1)), n23, leafNode(l.get(4))), tree.proof(0));
        assertProof(List.of(leafNode(l.get(2)), n01, leafNode(l.get(4))), tree.proof(3));
        assertProof(List.of(innerNode(n01, n23)), tree.proof(4)); // promoted twice: one sibling only
    }

    @Test
    void vectorsFileForTheContractTestsMatchesIndependentComputation() throws Exception {
        JsonNode vectors;
        try (InputStream in = MerkleVectorsTest.class.getResourceAsStream("/merkle-vectors.json")) {
            assertNotNull(in, "merkle-vectors.json on the test classpath");
            vectors = new ObjectMapper().readTree(in).get("vectors");
        }
        assertEquals(4, vectors.size());
        for (JsonNode vector : vectors) {
            int size = vector.get("size").asInt();
            List<byte[]> leaves = leaves(size);
            MerkleTree tree = MerkleTree.build(leaves);
            for (int i = 0; i < size; i++) {
                assertEquals(hex(leaves.get(i)), vector.get("leaves").get(i).asText());
                List<String> proof = new ArrayList<>();
                vector.get("proofs").get(i).forEach(p -> proof.add(p.asText()));
                assertEquals(tree.proof(i).stream().map(MerkleVectorsTest::hex).toList(), proof);
                byte[] h = leafNode(leaves.get(i));
                for (String p : proof) {
                    h = innerNode(h, HEX.parseHex(p.substring(2)));
                }
                assertEquals(hex(handBuiltRoot(leaves)), hex(h), "proof " + i + " of " + size);
            }
            assertEquals(hex(handBuiltRoot(leaves)), vector.get("root").asText());
            assertEquals(hex(keccak(concat(leaves.toArray(new byte[0][])))), vector.get("batchId").asText());
        }
    }

    @Test
    void batchIdIsKeccakOfTheConcatenatedLeavesInOrder() throws Exception {
        List<byte[]> leaves = leaves(3);
        assertArrayEquals(keccak(concat(leaves.get(0), leaves.get(1), leaves.get(2))), BatchId.of(leaves));
        assertArrayEquals(BatchId.of(leaves), BatchId.of(leaves(3)), "a resend of the same batch has the same id");
        List<byte[]> reordered = List.of(leaves.get(1), leaves.get(0), leaves.get(2));
        assertFalse(Arrays.equals(BatchId.of(leaves), BatchId.of(reordered)));
        assertThrows(IllegalArgumentException.class, () -> BatchId.of(List.of()));
        assertThrows(IllegalArgumentException.class,
                () -> BatchId.of(List.of(new byte[33])));
    }

    private static void assertProof(List<byte[]> expected, List<byte[]> actual) {
        assertEquals(expected.stream().map(MerkleVectorsTest::hex).toList(),
                actual.stream().map(MerkleVectorsTest::hex).toList());
    }

    private static String hex(byte[] bytes) {
        return "0x" + HEX.formatHex(bytes);
    }
}
