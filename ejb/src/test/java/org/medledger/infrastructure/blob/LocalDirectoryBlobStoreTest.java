package org.medledger.infrastructure.blob;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.medledger.domain.model.blob.BlobAddress;
import org.medledger.domain.model.blob.BlobNotFoundException;

class LocalDirectoryBlobStoreTest {

    @TempDir
    Path dir;

    @Test
    void aBlobIsStoredUnderTheSha256OfItsBytesAndReadBack() throws Exception {
        LocalDirectoryBlobStore store = new LocalDirectoryBlobStore(dir);
        byte[] bytes = "synthetic ciphertext".getBytes(StandardCharsets.US_ASCII);
        BlobAddress address = store.put(out -> out.write(bytes));
        String sha256 = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        assertEquals("sha256-" + sha256, address.value());
        assertEquals(dir.resolve(sha256.substring(0, 2)).resolve(address.value()), store.pathOf(address));
        assertTrue(store.contains(address));
        try (InputStream in = store.open(address)) {
            assertArrayEquals(bytes, in.readAllBytes());
        }
        assertEquals(address, store.put(out -> out.write(bytes)), "the same bytes have the same address");
    }

    @Test
    void aWriterThatFailsHalfwayLeavesNoBlobAndNoTemporaryFile() throws Exception {
        LocalDirectoryBlobStore store = new LocalDirectoryBlobStore(dir);
        assertThrows(IOException.class, () -> store.put(out -> {
            out.write(new byte[100_000]);
            throw new IOException("client went away");
        }));
        try (Stream<Path> files = Files.walk(dir)) {
            assertEquals(0, files.filter(Files::isRegularFile).count());
        }
    }

    @Test
    void leftoversOfACrashedWriteAreRemovedAtStartUp() throws Exception {
        Files.createDirectories(dir.resolve(".incoming"));
        Files.write(dir.resolve(".incoming").resolve("crashed.part"), new byte[10]);
        new LocalDirectoryBlobStore(dir);
        assertFalse(Files.exists(dir.resolve(".incoming").resolve("crashed.part")));
    }

    @Test
    void aMissingBlobIsReportedAsSuch() throws Exception {
        LocalDirectoryBlobStore store = new LocalDirectoryBlobStore(dir);
        BlobAddress address = store.put(out -> out.write(1));
        store.delete(address);
        assertFalse(store.contains(address));
        assertThrows(BlobNotFoundException.class, () -> store.open(address));
    }

    @Test
    void addressesOfOtherStoresAreRefused() throws Exception {
        LocalDirectoryBlobStore store = new LocalDirectoryBlobStore(dir);
        assertThrows(IllegalArgumentException.class,
                () -> store.open(new BlobAddress("QmYwAPJzv5CZsnAzt8auVTLpG1bG6dkprdFM5ocTyBCQb")));
        assertThrows(IllegalArgumentException.class, () -> new BlobAddress("../../etc/passwd"));
    }
}
