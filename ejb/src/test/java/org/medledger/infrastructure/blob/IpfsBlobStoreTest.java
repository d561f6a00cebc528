package org.medledger.infrastructure.blob;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.medledger.domain.model.blob.BlobAddress;
import org.medledger.domain.model.blob.BlobNotFoundException;
import org.medledger.infrastructure.crypto.BlobCipher;
import org.medledger.infrastructure.crypto.BlobKey;
import org.medledger.infrastructure.crypto.PayloadIntegrityException;

/** The IPFS blob store against a real js-ipfs node started for this class. */
class IpfsBlobStoreTest {

    private static IpfsNode node;

    @TempDir
    Path spool;

    @BeforeAll
    static void startNode() throws Exception {
        node = IpfsNode.start();
    }

    @AfterAll
    static void stopNode() throws Exception {
        if (node != null) {
            node.close();
        }
    }

    private IpfsBlobStore store() throws Exception {
        return new IpfsBlobStore(node.api(), spool, Duration.ofSeconds(5));
    }

    @Test
    void anEncryptedBlobGoesInAsACidAndComesBackIdentical() throws Exception {
        IpfsBlobStore store = store();
        BlobCipher cipher = new BlobCipher();
        BlobKey key = cipher.newKey();
        byte[] plaintext = new byte[3 * 1024 * 1024 + 7];
        new Random(5).nextBytes(plaintext);
        BlobAddress address = store.put(out -> {
            try (OutputStream sealing = cipher.sealing(out, key)) {
                sealing.write(plaintext);
            }
        });
        assertTrue(address.value().startsWith("baf"), "a CID v1 in base32: " + address);
        assertTrue(store.contains(address), "pinned");
        try (InputStream in = cipher.opening(store.open(address), key)) {
            assertArrayEquals(plaintext, in.readAllBytes());
        }
        try (InputStream in = store.open(address)) {
            assertFalse(new String(in.readNBytes(4096), StandardCharsets.ISO_8859_1).contains(
                    new String(plaintext, 0, 64, StandardCharsets.ISO_8859_1)), "the node holds ciphertext only");
        }
    }

    @Test
    void theSameBytesHaveTheSameCidAndOtherBytesAnother() throws Exception {
        IpfsBlobStore store = store();
        byte[] bytes = "synthetic ciphertext".getBytes(StandardCharsets.US_ASCII);
        BlobAddress first = store.put(out -> out.write(bytes));
        assertTrue(first.value().startsWith("bafk"), "one block of raw leaves: " + first);
        assertEquals(first, store.put(out -> out.write(bytes)));
        assertFalse(first.equals(store.put(out -> out.write(new byte[] {1, 2, 3}))));
    }

    @Test
    void anUnpinnedBlobIsNoLongerHeldAndAnUnknownCidIsNotFound() throws Exception {
        IpfsBlobStore store = store();
        BlobAddress address = store.put(out -> out.write(new byte[1000]));
        store.delete(address);
        assertFalse(store.contains(address));
        store.delete(address);
        BlobAddress unknown = new BlobAddress("bafkreigh2akiscaildcqabsyg3dfr6chu3fgpregiymsck7e7aqa4s52zy");
        assertThrows(BlobNotFoundException.class, () -> {
            try (InputStream in = store.open(unknown)) {
                in.readAllBytes();
            }
        });
    }

    @Test
    void aCiphertextAlteredOnItsWayIsCaughtByItsTag() throws Exception {
        IpfsBlobStore store = store();
        BlobCipher cipher = new BlobCipher();
        BlobKey key = cipher.newKey();
        java.io.ByteArrayOutputStream sealed = new java.io.ByteArrayOutputStream();
        try (OutputStream sealing = cipher.sealing(sealed, key)) {
            sealing.write(new byte[50_000]);
        }
        byte[] altered = sealed.toByteArray();
        altered[100] ^= 1;
        BlobAddress address = store.put(out -> out.write(altered));
        assertThrows(PayloadIntegrityException.class, () -> {
            try (InputStream in = cipher.opening(store.open(address), key)) {
                in.readAllBytes();
            }
        });
    }
}
