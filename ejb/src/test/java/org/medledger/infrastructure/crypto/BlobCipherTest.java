package org.medledger.infrastructure.crypto;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.security.MessageDigest;
import java.util.Random;
import org.junit.jupiter.api.Test;

class BlobCipherTest {

    private final BlobCipher cipher = new BlobCipher();

    @Test
    void sealedBlobOpensToTheSameBytesWithTheTagAppended() throws IOException {
        byte[] plaintext = syntheticBytes(3 * EnvelopeCipher.STREAM_CHUNK_BYTES + 17);
        BlobKey key = cipher.newKey();
        byte[] ciphertext = seal(plaintext, key);
        assertEquals(plaintext.length + BlobCipher.TAG_BYTES, ciphertext.length);
        assertFalse(new String(ciphertext, java.nio.charset.StandardCharsets.ISO_8859_1).contains("synthetic"));
        assertArrayEquals(plaintext, open(ciphertext, key));
    }

    @Test
    void emptyBlobRoundTrips() throws IOException {
        BlobKey key = cipher.newKey();
        assertArrayEquals(new byte[0], open(seal(new byte[0], key), key));
    }

    @Test
    void aFlippedByteAnywhereFailsWithAClearIntegrityError() throws IOException {
        byte[] plaintext = syntheticBytes(200_000);
        BlobKey key = cipher.newKey();
        byte[] ciphertext = seal(plaintext, key);
        for (int position : new int[] {0, 100_000, ciphertext.length - 1}) {
            byte[] altered = ciphertext.clone();
            altered[position] ^= 0x01;
            PayloadIntegrityException failure = assertThrows(PayloadIntegrityException.class,
                    () -> open(altered, key));
            assertTrue(failure.getMessage().contains("altered"), failure.getMessage());
        }
    }

    @Test
    void aTruncatedBlobFailsItsTag() throws IOException {
        BlobKey key = cipher.newKey();
        byte[] ciphertext = seal(syntheticBytes(10_000), key);
        byte[] truncated = java.util.Arrays.copyOf(ciphertext, ciphertext.length - 1);
        assertThrows(PayloadIntegrityException.class, () -> open(truncated, key));
    }

    @Test
    void anotherBlobsKeyCannotOpenIt() throws IOException {
        byte[] ciphertext = seal(syntheticBytes(1000), cipher.newKey());
        assertThrows(PayloadIntegrityException.class, () -> open(ciphertext, cipher.newKey()));
    }

    @Test
    void aBlobOfManyChunksStreamsThroughFileAndBackToTheSameDigest() throws Exception {
        long length = 32L * 1024 * 1024 + 5;
        BlobKey key = cipher.newKey();
        MessageDigest plainDigest = MessageDigest.getInstance("SHA-256");
        MessageDigest openedDigest = MessageDigest.getInstance("SHA-256");
        java.nio.file.Path file = java.nio.file.Files.createTempFile("blob-cipher", ".bin");
        try {
            try (OutputStream sealing = cipher.sealing(java.nio.file.Files.newOutputStream(file), key);
                 InputStream source = new SyntheticStream(length)) {
                byte[] buffer = new byte[64 * 1024];
                int read;
                while ((read = source.read(buffer)) != -1) {
                    plainDigest.update(buffer, 0, read);
                    sealing.write(buffer, 0, read);
                }
            }
            assertEquals(length + BlobCipher.TAG_BYTES, java.nio.file.Files.size(file));
            long opened = 0;
            try (InputStream in = cipher.opening(java.nio.file.Files.newInputStream(file), key)) {
                byte[] buffer = new byte[64 * 1024];
                int read;
                while ((read = in.read(buffer)) != -1) {
                    openedDigest.update(buffer, 0, read);
                    opened += read;
                }
            }
            assertEquals(length, opened);
            assertArrayEquals(plainDigest.digest(), openedDigest.digest());
        } finally {
            java.nio.file.Files.deleteIfExists(file);
        }
    }

    @Test
    void keyEncodingRoundTripsAndNeverPrintsTheKey() {
        BlobKey key = cipher.newKey();
        assertEquals(key, BlobKey.decode(key.encoded()));
        assertFalse(key.toString().contains(key.encoded().substring(0, 8)));
        assertThrows(PayloadIntegrityException.class, () -> BlobKey.decode("00:11"));
    }

    private byte[] seal(byte[] plaintext, BlobKey key) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (OutputStream sealing = cipher.sealing(out, key)) {
            sealing.write(plaintext);
        }
        return out.toByteArray();
    }

    private byte[] open(byte[] ciphertext, BlobKey key) throws IOException {
        try (InputStream in = cipher.opening(new ByteArrayInputStream(ciphertext), key)) {
            return in.readAllBytes();
        }
    }

    private static byte[] syntheticBytes(int length) {
        byte[] bytes = new byte[length];
        new Random(42).nextBytes(bytes);
        byte[] marker = "synthetic".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        for (int i = 0; i + marker.length < length; i += 4096) {
            System.arraycopy(marker, 0, bytes, i, marker.length);
        }
        return bytes;
    }

    /** Pseudo-random bytes of a given length, generated as they are read. */
    static final class SyntheticStream extends InputStream {
        private final Random random = new Random(7);
        private long remaining;

        SyntheticStream(long length) {
            this.remaining = length;
        }

        @Override
        public int read() {
            byte[] one = new byte[1];
            return read(one, 0, 1) == -1 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) {
            if (remaining == 0) {
                return -1;
            }
            int n = (int) Math.min(length, remaining);
            byte[] chunk = new byte[n];
            random.nextBytes(chunk);
            System.arraycopy(chunk, 0, buffer, offset, n);
            remaining -= n;
            return n;
        }
    }
}
