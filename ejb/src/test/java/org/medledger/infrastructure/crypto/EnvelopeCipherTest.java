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
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Random;
import javax.crypto.spec.SecretKeySpec;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EnvelopeCipherTest {

    private static final byte[] AAD = EnvelopeCipher.recordVersionAad("Observation", "obs-1", 1);
    private static final byte[] PLAINTEXT = ("{\"resourceType\":\"Observation\",\"id\":\"obs-1\","
            + "\"subject\":{\"display\":\"Testpatient Alpha\"},\"valueQuantity\":{\"value\":1.0}}")
            .getBytes(StandardCharsets.UTF_8);

    private final EnvelopeCipher cipher = new EnvelopeCipher();
    private final Kek kekV1 = newKek("v1");

    private static Kek newKek(String version) {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return new Kek(version, new SecretKeySpec(key, "AES"));
    }

    @Test
    void associatedDataNamesTheRecordVersion() {
        assertArrayEquals("Observation/obs-1/_history/1".getBytes(StandardCharsets.UTF_8), AAD);
        assertThrows(IllegalArgumentException.class, () -> EnvelopeCipher.recordVersionAad("Observation", "obs-1", 0));
    }

    @Test
    void sealedPayloadOpensToTheOriginalPlaintext() {
        SealedPayload sealed = cipher.seal(PLAINTEXT, AAD, kekV1);
        assertEquals(PLAINTEXT.length + 16, sealed.ciphertextWithTag().length);
        assertEquals(12, sealed.nonce().length);
        assertEquals(40, sealed.wrappedDataKey().length);
        assertEquals("v1", sealed.kekVersion());
        assertArrayEquals(PLAINTEXT, cipher.open(sealed, AAD, kekV1));
    }

    @Test
    void ciphertextDoesNotContainThePlaintext() {
        SealedPayload sealed = cipher.seal(PLAINTEXT, AAD, kekV1);
        String asText = new String(sealed.ciphertextWithTag(), StandardCharsets.ISO_8859_1);
        assertFalse(asText.contains("Testpatient"));
    }

    @Test
    void everySealingUsesAFreshDataKeyAndNonce() {
        SealedPayload first = cipher.seal(PLAINTEXT, AAD, kekV1);
        SealedPayload second = cipher.seal(PLAINTEXT, AAD, kekV1);
        assertFalse(Arrays.equals(first.nonce(), second.nonce()));
        assertFalse(Arrays.equals(first.wrappedDataKey(), second.wrappedDataKey()));
        assertFalse(Arrays.equals(first.ciphertextWithTag(), second.ciphertextWithTag()));
    }

    @Test
    void emptyPayloadRoundTrips() {
        SealedPayload sealed = cipher.seal(new byte[0], AAD, kekV1);
        assertArrayEquals(new byte[0], cipher.open(sealed, AAD, kekV1));
    }

    @Test
    void flippedCiphertextBitFailsWithIntegrityError() {
        SealedPayload sealed = cipher.seal(PLAINTEXT, AAD, kekV1);
        for (int position : new int[] {0, PLAINTEXT.length / 2, sealed.ciphertextWithTag().length - 1}) {
            byte[] tampered = sealed.ciphertextWithTag();
            tampered[position] ^= 0x01;
            SealedPayload altered = new SealedPayload(tampered, sealed.nonce(), sealed.wrappedDataKey(), "v1");
            PayloadIntegrityException e = assertThrows(PayloadIntegrityException.class,
                    () -> cipher.open(altered, AAD, kekV1));
            assertTrue(e.getMessage().contains("authentication tag"), e.getMessage());
            assertFalse(e.getMessage().contains("Testpatient"));
        }
    }

    @Test
    void alteredNonceOrTruncatedCiphertextFailsWithIntegrityError() {
        SealedPayload sealed = cipher.seal(PLAINTEXT, AAD, kekV1);
        byte[] nonce = sealed.nonce();
        nonce[0] ^= 0x01;
        assertThrows(PayloadIntegrityException.class, () -> cipher.open(
                new SealedPayload(sealed.ciphertextWithTag(), nonce, sealed.wrappedDataKey(), "v1"), AAD, kekV1));
        assertThrows(PayloadIntegrityException.class, () -> cipher.open(
                new SealedPayload(new byte[5], sealed.nonce(), sealed.wrappedDataKey(), "v1"), AAD, kekV1));
        assertThrows(PayloadIntegrityException.class, () -> cipher.open(
                new SealedPayload(sealed.ciphertextWithTag(), new byte[8], sealed.wrappedDataKey(), "v1"), AAD, kekV1));
    }

    @Test
    void payloadMovedToAnotherVersionFailsBecauseOfItsAssociatedData() {
        SealedPayload sealed = cipher.seal(PLAINTEXT, AAD, kekV1);
        byte[] otherVersion = EnvelopeCipher.recordVersionAad("Observation", "obs-1", 2);
        assertThrows(PayloadIntegrityException.class, () -> cipher.open(sealed, otherVersion, kekV1));
    }

    @Test
    void wrongKekOfTheSameVersionLabelFailsWithIntegrityError() {
        SealedPayload sealed = cipher.seal(PLAINTEXT, AAD, kekV1);
        PayloadIntegrityException e = assertThrows(PayloadIntegrityException.class,
                () -> cipher.open(sealed, AAD, newKek("v1")));
        assertTrue(e.getMessage().contains("unwrapped"), e.getMessage());
    }

    @Test
    void alteredWrappedKeyFailsWithIntegrityError() {
        SealedPayload sealed = cipher.seal(PLAINTEXT, AAD, kekV1);
        byte[] wrapped = sealed.wrappedDataKey();
        wrapped[20] ^= 0x01;
        assertThrows(PayloadIntegrityException.class,
                () -> cipher.open(sealed.withWrappedDataKey(wrapped, "v1"), AAD, kekV1));
    }

    @Test
    void kekOfAnotherVersionIsRefusedAsAProgrammingError() {
        SealedPayload sealed = cipher.seal(PLAINTEXT, AAD, kekV1);
        assertThrows(IllegalArgumentException.class, () -> cipher.open(sealed, AAD, newKek("v2")));
    }

    @Test
    void rewrappedDataKeyOpensUnderTheNewKekWithTheCiphertextUntouched() {
        SealedPayload sealed = cipher.seal(PLAINTEXT, AAD, kekV1);
        Kek kekV2 = newKek("v2");
        byte[] rewrapped = cipher.rewrap(sealed.wrappedDataKey(), kekV1, kekV2);
        SealedPayload rotated = sealed.withWrappedDataKey(rewrapped, kekV2.version());
        assertArrayEquals(sealed.ciphertextWithTag(), rotated.ciphertextWithTag());
        assertArrayEquals(PLAINTEXT, cipher.open(rotated, AAD, kekV2));
        assertThrows(PayloadIntegrityException.class,
                () -> cipher.open(rotated.withWrappedDataKey(rewrapped, "v1"), AAD, kekV1));
    }

    @Test
    void rewrapWithTheWrongOldKekFails() {
        SealedPayload sealed = cipher.seal(PLAINTEXT, AAD, kekV1);
        assertThrows(PayloadIntegrityException.class,
                () -> cipher.rewrap(sealed.wrappedDataKey(), newKek("v1"), newKek("v2")));
    }

    @Test
    void kekThatIsNotAes256IsRejected() {
        Kek short16 = new Kek("v9", new SecretKeySpec(new byte[16], "AES"));
        assertThrows(IllegalArgumentException.class, () -> cipher.seal(PLAINTEXT, AAD, short16));
    }

    @Test
    void smallStreamRoundTripsAndMatchesTheSealedLength() throws IOException {
        ByteArrayOutputStream sealedOut = new ByteArrayOutputStream();
        StreamEnvelope envelope = cipher.seal(new ByteArrayInputStream(PLAINTEXT), sealedOut, AAD, kekV1);
        assertEquals(PLAINTEXT.length + 16, sealedOut.size());
        ByteArrayOutputStream opened = new ByteArrayOutputStream();
        cipher.open(new ByteArrayInputStream(sealedOut.toByteArray()), opened, envelope, AAD, kekV1);
        assertArrayEquals(PLAINTEXT, opened.toByteArray());
    }

    @Test
    void tamperedStreamFailsWithIntegrityErrorAtTheEnd() throws IOException {
        byte[] blob = new byte[300_000];
        new Random(7).nextBytes(blob);
        ByteArrayOutputStream sealedOut = new ByteArrayOutputStream();
        StreamEnvelope envelope = cipher.seal(new ByteArrayInputStream(blob), sealedOut, AAD, kekV1);
        byte[] tampered = sealedOut.toByteArray();
        tampered[123_456] ^= 0x10;
        assertThrows(PayloadIntegrityException.class, () -> cipher.open(new ByteArrayInputStream(tampered),
                OutputStream.nullOutputStream(), envelope, AAD, kekV1));
        byte[] wrongAad = "Binary/bin-1/_history/1".getBytes(StandardCharsets.UTF_8);
        assertThrows(PayloadIntegrityException.class, () -> cipher.open(
                new ByteArrayInputStream(sealedOut.toByteArray()), OutputStream.nullOutputStream(), envelope,
                wrongAad, kekV1));
    }

    @Test
    void fiftyMegabyteStreamPassesThroughInBoundedChunks(@TempDir Path dir) throws IOException {
        long length = 50L * 1024 * 1024 + 12_345; // not a multiple of the chunk or block size
        Path sealedFile = dir.resolve("blob.sealed");

        GeneratedStream source = new GeneratedStream(length, 42);
        ChunkWatchingOutput sealedSink = new ChunkWatchingOutput(Files.newOutputStream(sealedFile), source);
        StreamEnvelope envelope;
        try (sealedSink) {
            envelope = cipher.seal(source, sealedSink, AAD, kekV1);
        }
        assertEquals(length + 16, Files.size(sealedFile));
        assertStreamed(sealedSink, length);

        ChunkWatchingOutput openedSink;
        try (InputStream sealedIn = Files.newInputStream(sealedFile)) {
            CountingInput counted = new CountingInput(sealedIn);
            openedSink = new ChunkWatchingOutput(OutputStream.nullOutputStream(), counted);
            cipher.open(counted, openedSink, envelope, AAD, kekV1);
        }
        assertEquals(length, openedSink.total);
        assertArrayEquals(source.digest(), openedSink.digest());
        assertStreamed(openedSink, length);
    }

    // Output arrived in chunk-sized writes, and began long before the input was used up: nothing held it all.
    private static void assertStreamed(ChunkWatchingOutput sink, long length) {
        assertTrue(sink.largestWrite <= EnvelopeCipher.STREAM_CHUNK_BYTES + 64,
                "largest single write was " + sink.largestWrite + " bytes");
        assertTrue(sink.inputConsumedAtFirstWrite < length / 100,
                "first output only after " + sink.inputConsumedAtFirstWrite + " input bytes");
    }

    /** Deterministic pseudo-random bytes made on the fly, hashed as they are read. */
    private static final class GeneratedStream extends InputStream implements Consumed {
        private final long length;
        private final Random random;
        private final SHA256Digest sha = new SHA256Digest();
        private long position;

        GeneratedStream(long length, long seed) {
            this.length = length;
            this.random = new Random(seed);
        }

        @Override
        public int read() {
            byte[] one = new byte[1];
            return read(one, 0, 1) == -1 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) {
            if (position >= length) {
                return -1;
            }
            int n = (int) Math.min(len, length - position);
            byte[] chunk = new byte[n];
            random.nextBytes(chunk);
            System.arraycopy(chunk, 0, b, off, n);
            sha.update(chunk, 0, n);
            position += n;
            return n;
        }

        @Override
        public long consumed() {
            return position;
        }

        byte[] digest() {
            byte[] out = new byte[32];
            sha.doFinal(out, 0);
            return out;
        }
    }

    private interface Consumed {
        long consumed();
    }

    private static final class CountingInput extends InputStream implements Consumed {
        private final InputStream in;
        private long position;

        CountingInput(InputStream in) {
            this.in = in;
        }

        @Override
        public int read() throws IOException {
            int b = in.read();
            if (b != -1) {
                position++;
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = in.read(b, off, len);
            if (n > 0) {
                position += n;
            }
            return n;
        }

        @Override
        public long consumed() {
            return position;
        }
    }

    private static final class ChunkWatchingOutput extends OutputStream {
        private final OutputStream out;
        private final Consumed input;
        private final SHA256Digest sha = new SHA256Digest();
        long total;
        int largestWrite;
        long inputConsumedAtFirstWrite = -1;

        ChunkWatchingOutput(OutputStream out, Consumed input) {
            this.out = out;
            this.input = input;
        }

        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            if (len == 0) {
                return;
            }
            if (inputConsumedAtFirstWrite < 0) {
                inputConsumedAtFirstWrite = input.consumed();
            }
            largestWrite = Math.max(largestWrite, len);
            total += len;
            sha.update(b, off, len);
            out.write(b, off, len);
        }

        @Override
        public void close() throws IOException {
            out.close();
        }

        byte[] digest() {
            byte[] out32 = new byte[32];
            sha.doFinal(out32, 0);
            return out32;
        }
    }
}
