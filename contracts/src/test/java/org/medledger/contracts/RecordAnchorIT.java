package org.medledger.contracts;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.File;
import java.math.BigInteger;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.medledger.contracts.generated.ConsortiumRegistry;
import org.medledger.contracts.generated.RecordAnchor;
import org.web3j.protocol.core.methods.response.TransactionReceipt;
import org.web3j.tuples.generated.Tuple3;
import org.web3j.utils.Numeric;

/** Anchoring by members only, duplicate protection, record locators, and proofs checked by the contract. */
class RecordAnchorIT {

    private static final HexFormat HEX = HexFormat.of();
    private static DevChain chain;
    private static RecordAnchor anchor;
    private static RecordAnchor asOutsider;
    private static String custodian;

    @BeforeAll
    static void deploy() throws Exception {
        chain = new DevChain();
        custodian = chain.account(0).getAddress();
        ConsortiumRegistry registry = ConsortiumRegistry.deploy(chain.web3j, chain.sender(0), chain.gas,
                List.of("Hospital A"), List.of("https://a.example/fhir"), List.of(custodian), List.of(), List.of(),
                BigInteger.valueOf(100)).send();
        anchor = RecordAnchor.deploy(chain.web3j, chain.sender(0), chain.gas, registry.getContractAddress()).send();
        asOutsider = RecordAnchor.load(anchor.getContractAddress(), chain.web3j, chain.sender(5), chain.gas);
    }

    @Test
    void aMemberAnchorsARootOnceAndTheAnchorIsReadable() throws Exception {
        byte[] root = random32(1);
        byte[] batchId = random32(2);
        TransactionReceipt receipt = anchor.anchor(root, BigInteger.valueOf(7), batchId).send();
        var event = RecordAnchor.getAnchoredEvents(receipt).get(0);
        assertArrayEquals(root, event.root);
        assertArrayEquals(batchId, event.batchId);
        assertEquals(custodian.toLowerCase(), event.custodian.toLowerCase());
        assertEquals(BigInteger.valueOf(7), event.leafCount);

        Tuple3<String, BigInteger, BigInteger> stored = anchor.anchorOf(root).send();
        assertEquals(custodian.toLowerCase(), stored.component1().toLowerCase());
        assertEquals(receipt.getBlockNumber(), stored.component2());
        assertEquals(BigInteger.valueOf(7), stored.component3());
        assertArrayEquals(root, anchor.rootOfBatch(batchId).send());

        DevChain.assertReverts("RecordAnchor: root already anchored",
                () -> anchor.anchor(root, BigInteger.ONE, random32(3)).send());
        DevChain.assertReverts("RecordAnchor: batch already anchored",
                () -> anchor.anchor(random32(4), BigInteger.ONE, batchId).send());
    }

    @Test
    void unknownRootsAndBatchesReadAsEmpty() throws Exception {
        assertEquals(BigInteger.ZERO, Numeric.toBigInt(anchor.anchorOf(random32(99)).send().component1()));
        assertArrayEquals(new byte[32], anchor.rootOfBatch(random32(98)).send());
    }

    @Test
    void outsidersAndEmptyBatchesAreRefused() {
        DevChain.assertReverts("RecordAnchor: caller is not a consortium member",
                () -> asOutsider.anchor(random32(10), BigInteger.ONE, random32(11)).send());
        DevChain.assertReverts("RecordAnchor: empty root",
                () -> anchor.anchor(new byte[32], BigInteger.ONE, random32(12)).send());
        DevChain.assertReverts("RecordAnchor: empty batch",
                () -> anchor.anchor(random32(13), BigInteger.ZERO, random32(14)).send());
    }

    @Test
    void locatorEventsNameThePseudonymsAndTheCustodianOnly() throws Exception {
        byte[] root = random32(20);
        List<byte[]> pseudonyms = List.of(random32(21), random32(22));
        TransactionReceipt receipt = anchor.anchorWithLocators(root, BigInteger.TWO, random32(23), pseudonyms).send();
        var located = RecordAnchor.getRecordLocatedEvents(receipt);
        assertEquals(2, located.size());
        for (int i = 0; i < 2; i++) {
            assertArrayEquals(pseudonyms.get(i), located.get(i).patientPseudonym);
            assertEquals(custodian.toLowerCase(), located.get(i).custodian.toLowerCase());
            assertArrayEquals(root, located.get(i).root);
        }
        assertEquals(1, RecordAnchor.getAnchoredEvents(receipt).size());
    }

    /** Random trees of 1 to 2,000 leaves built in Java; their proofs checked by the contract's verify. */
    @Test
    void everyProofOfRandomTreesIsAcceptedAndForgeriesAreNot() throws Exception {
        Random random = new Random(20261122);
        // The edges (powers of two and their neighbours, the 1 and 2,000 bounds) plus random sizes in between
        List<Integer> sizes = new ArrayList<>(List.of(1, 2, 3, 4, 5, 7, 8, 9, 16, 17, 33, 100, 255, 256, 257, 1000,
                1999, 2000));
        for (int i = 0; i < 6; i++) {
            sizes.add(1 + random.nextInt(2000));
        }
        int checked = 0;
        for (int size : sizes) {
            List<byte[]> leaves = new ArrayList<>();
            for (int i = 0; i < size; i++) {
                byte[] leaf = new byte[32];
                random.nextBytes(leaf);
                leaves.add(leaf);
            }
            MerkleRules tree = new MerkleRules(leaves);
            List<Integer> indexes = new ArrayList<>();
            if (size <= 64) {
                for (int i = 0; i < size; i++) {
                    indexes.add(i);
                }
            } else {
                indexes.add(0);
                indexes.add(size - 1);
                for (int i = 0; i < 48; i++) {
                    indexes.add(random.nextInt(size));
                }
            }
            for (int index : indexes) {
                assertTrue(anchor.verify(leaves.get(index), tree.proof(index), tree.root()).send(),
                        "leaf " + index + " of " + size);
                checked++;
            }
            byte[] forged = leaves.get(0).clone();
            forged[31] ^= 1;
            assertFalse(anchor.verify(forged, tree.proof(0), tree.root()).send(), "forged leaf of " + size);
            if (size > 1) {
                assertFalse(anchor.verify(leaves.get(0), tree.proof(1), tree.root()).send(), "wrong proof of " + size);
            }
        }
        assertTrue(checked > 400, "proofs checked on chain: " + checked);
    }

    /** The vectors pinned by the server's Merkle implementation are accepted by the contract. */
    @Test
    void theServersMerkleVectorsVerifyOnChain() throws Exception {
        File vectors = new File("../ejb/src/test/resources/merkle-vectors.json");
        JsonNode root = new ObjectMapper().readTree(vectors);
        int checked = 0;
        for (JsonNode vector : root.path("vectors")) {
            byte[] expectedRoot = Numeric.hexStringToByteArray(vector.path("root").asText());
            List<byte[]> leaves = new ArrayList<>();
            vector.path("leaves").forEach(l -> leaves.add(Numeric.hexStringToByteArray(l.asText())));
            assertArrayEquals(expectedRoot, new MerkleRules(leaves).root(), "size " + leaves.size());
            for (int i = 0; i < leaves.size(); i++) {
                assertTrue(anchor.verify(leaves.get(i), new MerkleRules(leaves).proof(i), expectedRoot).send());
                checked++;
            }
        }
        assertTrue(checked >= 11);
        byte[] first = MessageDigest.getInstance("SHA-256").digest("leaf-0".getBytes());
        assertEquals(HEX.formatHex(first), root.path("vectors").get(0).path("leaves").get(0).asText().substring(2));
    }

    private static byte[] random32(long seed) {
        byte[] value = new byte[32];
        new Random(seed * 7919 + System.nanoTime()).nextBytes(value);
        return value;
    }
}
