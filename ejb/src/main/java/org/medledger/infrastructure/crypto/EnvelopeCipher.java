package org.medledger.infrastructure.crypto;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Objects;
import org.bouncycastle.crypto.InvalidCipherTextException;
import org.bouncycastle.crypto.engines.AESEngine;
import org.bouncycastle.crypto.engines.AESWrapEngine;
import org.bouncycastle.crypto.modes.GCMBlockCipher;
import org.bouncycastle.crypto.modes.GCMModeCipher;
import org.bouncycastle.crypto.params.AEADParameters;
import org.bouncycastle.crypto.params.KeyParameter;

/**
 * Envelope encryption of record versions and blobs: a fresh random 256-bit data key and 96-bit nonce per sealing,
 * AES-256-GCM with a 128-bit tag over the payload and the caller's associated data (for a record version the bytes
 * of {@code ResourceType/id/_history/version}, so a ciphertext moved to another version fails), and the data key
 * wrapped with the KEK by AES key wrap (RFC 3394). Key rotation re-wraps the 40-byte wrapped key, never the payload.
 *
 * <p>Every authentication failure — altered ciphertext, tag, nonce or associated data, a wrong KEK, an altered
 * wrapped key — surfaces as {@link PayloadIntegrityException}. Thread-safe; each call builds its own cipher.
 */
public final class EnvelopeCipher {

    public static final int DATA_KEY_BYTES = 32;
    public static final int NONCE_BYTES = 12;
    public static final int TAG_BITS = 128;
    /** Streams are processed this many bytes at a time, whatever their length. */
    public static final int STREAM_CHUNK_BYTES = 64 * 1024;

    private final SecureRandom random;

    public EnvelopeCipher() {
        this(new SecureRandom());
    }

    public EnvelopeCipher(SecureRandom random) {
        this.random = Objects.requireNonNull(random, "random");
    }

    /**
     * The associated data binding a sealed record version to its place: UTF-8 of
     * {@code ResourceType/id/_history/version}. Writer and reader must both build it here.
     */
    public static byte[] recordVersionAad(String resourceType, String id, int version) {
        Objects.requireNonNull(resourceType, "resourceType");
        Objects.requireNonNull(id, "id");
        if (resourceType.isEmpty() || id.isEmpty() || version < 1) {
            throw new IllegalArgumentException("A record version needs a resource type, an id and a version >= 1");
        }
        return (resourceType + "/" + id + "/_history/" + version).getBytes(StandardCharsets.UTF_8);
    }

    /** Encrypts a whole payload held in memory. */
    public SealedPayload seal(byte[] plaintext, byte[] aad, Kek kek) {
        Objects.requireNonNull(plaintext, "plaintext");
        Objects.requireNonNull(aad, "aad");
        Objects.requireNonNull(kek, "kek");
        byte[] dataKey = randomBytes(DATA_KEY_BYTES);
        byte[] nonce = randomBytes(NONCE_BYTES);
        try {
            GCMModeCipher gcm = gcm(true, dataKey, nonce, aad);
            byte[] out = new byte[gcm.getOutputSize(plaintext.length)];
            int length = gcm.processBytes(plaintext, 0, plaintext.length, out, 0);
            length += gcm.doFinal(out, length);
            return new SealedPayload(length == out.length ? out : Arrays.copyOf(out, length), nonce,
                    wrap(dataKey, kek), kek.version());
        } catch (InvalidCipherTextException e) {
            throw new IllegalStateException("AES-GCM encryption failed", e);
        } finally {
            Arrays.fill(dataKey, (byte) 0);
        }
    }

    /**
     * Decrypts and authenticates a payload.
     *
     * @throws PayloadIntegrityException if anything sealed or bound to it was altered, or the KEK is not the one that
     *                                   wrapped its data key
     * @throws IllegalArgumentException  if {@code kek} is a different version from the payload's {@code kekVersion}
     */
    public byte[] open(SealedPayload payload, byte[] aad, Kek kek) {
        Objects.requireNonNull(payload, "payload");
        Objects.requireNonNull(aad, "aad");
        requireVersion(payload.kekVersion(), kek);
        requireNonce(payload.nonce());
        byte[] dataKey = unwrap(payload.wrappedDataKey(), kek);
        try {
            GCMModeCipher gcm = gcm(false, dataKey, payload.nonce(), aad);
            byte[] ciphertext = payload.ciphertextWithTag();
            byte[] out = new byte[gcm.getOutputSize(ciphertext.length)];
            int length = gcm.processBytes(ciphertext, 0, ciphertext.length, out, 0);
            length += gcm.doFinal(out, length);
            return length == out.length ? out : Arrays.copyOf(out, length);
        } catch (InvalidCipherTextException e) {
            throw tagFailure();
        } finally {
            Arrays.fill(dataKey, (byte) 0);
        }
    }

    /**
     * Encrypts a stream of any length into {@code out} (ciphertext then tag), {@value #STREAM_CHUNK_BYTES} bytes at a
     * time, so memory use does not grow with the payload. Neither stream is closed.
     */
    public StreamEnvelope seal(InputStream in, OutputStream out, byte[] aad, Kek kek) throws IOException {
        Objects.requireNonNull(in, "in");
        Objects.requireNonNull(out, "out");
        Objects.requireNonNull(aad, "aad");
        Objects.requireNonNull(kek, "kek");
        byte[] dataKey = randomBytes(DATA_KEY_BYTES);
        byte[] nonce = randomBytes(NONCE_BYTES);
        try {
            byte[] wrapped = wrap(dataKey, kek);
            pump(gcm(true, dataKey, nonce, aad), in, out);
            return new StreamEnvelope(nonce, wrapped, kek.version());
        } catch (InvalidCipherTextException e) {
            throw new IllegalStateException("AES-GCM encryption failed", e);
        } finally {
            Arrays.fill(dataKey, (byte) 0);
        }
    }

    /**
     * Decrypts a stream written by {@link #seal(InputStream, OutputStream, byte[], Kek)} into {@code out}, chunk by
     * chunk. GCM can only check its tag at the end, so plaintext reaches {@code out} before it is authenticated:
     * when this throws {@link PayloadIntegrityException} the caller must discard everything written (write to a
     * temporary file and move it into place only on success). Neither stream is closed.
     */
    public void open(InputStream in, OutputStream out, StreamEnvelope envelope, byte[] aad, Kek kek)
            throws IOException {
        Objects.requireNonNull(in, "in");
        Objects.requireNonNull(out, "out");
        Objects.requireNonNull(envelope, "envelope");
        Objects.requireNonNull(aad, "aad");
        requireVersion(envelope.kekVersion(), kek);
        requireNonce(envelope.nonce());
        byte[] dataKey = unwrap(envelope.wrappedDataKey(), kek);
        try {
            pump(gcm(false, dataKey, envelope.nonce(), aad), in, out);
        } catch (InvalidCipherTextException e) {
            throw tagFailure();
        } finally {
            Arrays.fill(dataKey, (byte) 0);
        }
    }

    /**
     * Key rotation: the same data key, wrapped under {@code newKek} instead of {@code oldKek}. Store the result with
     * {@code newKek.version()}; the payload itself is not touched.
     *
     * @throws PayloadIntegrityException if {@code oldKek} did not wrap this key, or the wrapped key was altered
     */
    public byte[] rewrap(byte[] wrappedKey, Kek oldKek, Kek newKek) {
        Objects.requireNonNull(wrappedKey, "wrappedKey");
        Objects.requireNonNull(newKek, "newKek");
        byte[] dataKey = unwrap(wrappedKey, oldKek);
        try {
            return wrap(dataKey, newKek);
        } finally {
            Arrays.fill(dataKey, (byte) 0);
        }
    }

    private static void pump(GCMModeCipher gcm, InputStream in, OutputStream out)
            throws IOException, InvalidCipherTextException {
        byte[] chunk = new byte[STREAM_CHUNK_BYTES];
        // GCM may release up to two blocks it held back from earlier chunks along with this one.
        byte[] processed = new byte[STREAM_CHUNK_BYTES + 64];
        int read;
        while ((read = in.read(chunk)) != -1) {
            int length = gcm.processBytes(chunk, 0, read, processed, 0);
            if (length > 0) {
                out.write(processed, 0, length);
            }
        }
        byte[] last = new byte[gcm.getOutputSize(0)];
        int length = gcm.doFinal(last, 0);
        out.write(last, 0, length);
        out.flush();
    }

    private static GCMModeCipher gcm(boolean encrypt, byte[] dataKey, byte[] nonce, byte[] aad) {
        GCMModeCipher gcm = GCMBlockCipher.newInstance(AESEngine.newInstance());
        gcm.init(encrypt, new AEADParameters(new KeyParameter(dataKey), TAG_BITS, nonce, aad));
        return gcm;
    }

    private static byte[] wrap(byte[] dataKey, Kek kek) {
        byte[] kekBytes = kekBytes(kek);
        try {
            AESWrapEngine wrapper = new AESWrapEngine();
            wrapper.init(true, new KeyParameter(kekBytes));
            return wrapper.wrap(dataKey, 0, dataKey.length);
        } finally {
            Arrays.fill(kekBytes, (byte) 0);
        }
    }

    private static byte[] unwrap(byte[] wrappedKey, Kek kek) {
        byte[] kekBytes = kekBytes(kek);
        try {
            AESWrapEngine wrapper = new AESWrapEngine();
            wrapper.init(false, new KeyParameter(kekBytes));
            byte[] dataKey = wrapper.unwrap(wrappedKey, 0, wrappedKey.length);
            if (dataKey.length != DATA_KEY_BYTES) {
                Arrays.fill(dataKey, (byte) 0);
                throw new InvalidCipherTextException("unexpected data key length");
            }
            return dataKey;
        } catch (InvalidCipherTextException | IllegalArgumentException e) {
            throw new PayloadIntegrityException("The data key could not be unwrapped with KEK version "
                    + kek.version() + ": the KEK is not the one that wrapped it, or the wrapped key was altered");
        } finally {
            Arrays.fill(kekBytes, (byte) 0);
        }
    }

    private static byte[] kekBytes(Kek kek) {
        Objects.requireNonNull(kek, "kek");
        byte[] encoded = kek.key().getEncoded();
        if (encoded == null || encoded.length != DATA_KEY_BYTES) {
            throw new IllegalArgumentException("KEK version " + kek.version() + " is not an AES-256 key");
        }
        return encoded;
    }

    private static void requireVersion(String sealedUnder, Kek kek) {
        Objects.requireNonNull(kek, "kek");
        if (!sealedUnder.equals(kek.version())) {
            throw new IllegalArgumentException("The data key was wrapped under KEK version " + sealedUnder
                    + ", but KEK version " + kek.version() + " was given");
        }
    }

    private static void requireNonce(byte[] nonce) {
        if (nonce.length != NONCE_BYTES) {
            throw new PayloadIntegrityException("The stored nonce is " + nonce.length + " bytes, not "
                    + NONCE_BYTES + ": the sealed payload was altered");
        }
    }

    private static PayloadIntegrityException tagFailure() {
        return new PayloadIntegrityException("The AES-GCM authentication tag does not match: the ciphertext, its "
                + "nonce or its associated data (resource type, id, version) was altered");
    }

    private byte[] randomBytes(int length) {
        byte[] bytes = new byte[length];
        random.nextBytes(bytes);
        return bytes;
    }
}
