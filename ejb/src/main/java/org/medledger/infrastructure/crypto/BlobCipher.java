package org.medledger.infrastructure.crypto;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Objects;
import org.bouncycastle.crypto.engines.AESEngine;
import org.bouncycastle.crypto.io.CipherInputStream;
import org.bouncycastle.crypto.io.CipherOutputStream;
import org.bouncycastle.crypto.io.InvalidCipherTextIOException;
import org.bouncycastle.crypto.modes.GCMBlockCipher;
import org.bouncycastle.crypto.modes.GCMModeCipher;
import org.bouncycastle.crypto.params.AEADParameters;
import org.bouncycastle.crypto.params.KeyParameter;

/**
 * Streaming AES-256-GCM for blobs (Binary and attachment bytes): a fresh 256-bit data key and 96-bit nonce per blob,
 * a 128-bit tag after the ciphertext, and fixed associated data. The key is not wrapped here: it travels inside the
 * record version that refers to the blob, which is itself sealed by {@link EnvelopeCipher} under the KEK, so key
 * rotation re-wraps nothing extra and crypto-shredding the version makes its blobs unreadable too.
 *
 * <p>Memory use is a few cipher blocks per stream whatever the blob's length. Reading an altered blob fails at its
 * end, when the tag is checked, with {@link PayloadIntegrityException}: plaintext read before that point must be
 * discarded by the caller.
 */
public final class BlobCipher {

    /** Binds a blob ciphertext to its purpose; the blob's place is bound by the sealed version that names it. */
    static final byte[] AAD = "urn:medledger:blob:v1".getBytes(StandardCharsets.UTF_8);
    public static final int TAG_BYTES = EnvelopeCipher.TAG_BITS / 8;

    private final SecureRandom random;

    public BlobCipher() {
        this(new SecureRandom());
    }

    public BlobCipher(SecureRandom random) {
        this.random = Objects.requireNonNull(random, "random");
    }

    /** A fresh data key and nonce for one blob. */
    public BlobKey newKey() {
        byte[] key = new byte[EnvelopeCipher.DATA_KEY_BYTES];
        byte[] nonce = new byte[EnvelopeCipher.NONCE_BYTES];
        random.nextBytes(key);
        random.nextBytes(nonce);
        return new BlobKey(key, nonce);
    }

    /**
     * A stream that encrypts what is written to it into {@code ciphertext}; closing it writes the tag and closes
     * {@code ciphertext}.
     */
    public OutputStream sealing(OutputStream ciphertext, BlobKey key) {
        Objects.requireNonNull(ciphertext, "ciphertext");
        return new CipherOutputStream(ciphertext, gcm(true, key));
    }

    /**
     * A stream of the plaintext of {@code ciphertext}. Its last read throws {@link PayloadIntegrityException} when
     * the blob, its tag, or the key or nonce given were altered; closing it closes {@code ciphertext}.
     */
    public InputStream opening(InputStream ciphertext, BlobKey key) {
        Objects.requireNonNull(ciphertext, "ciphertext");
        return new AuthenticatingInputStream(new CipherInputStream(ciphertext, gcm(false, key),
                EnvelopeCipher.STREAM_CHUNK_BYTES));
    }

    private static GCMModeCipher gcm(boolean encrypt, BlobKey key) {
        Objects.requireNonNull(key, "key");
        GCMModeCipher gcm = GCMBlockCipher.newInstance(AESEngine.newInstance());
        gcm.init(encrypt, new AEADParameters(new KeyParameter(key.dataKey()), EnvelopeCipher.TAG_BITS, key.nonce(),
                AAD));
        return gcm;
    }

    /** Turns Bouncy Castle's tag failure into the one integrity exception the application knows. */
    private static final class AuthenticatingInputStream extends FilterInputStream {

        AuthenticatingInputStream(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            try {
                return super.read();
            } catch (InvalidCipherTextIOException e) {
                throw tagFailure();
            }
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            try {
                return super.read(buffer, offset, length);
            } catch (InvalidCipherTextIOException e) {
                throw tagFailure();
            }
        }

        @Override
        public long skip(long n) throws IOException {
            try {
                return super.skip(n);
            } catch (InvalidCipherTextIOException e) {
                throw tagFailure();
            }
        }

        private static PayloadIntegrityException tagFailure() {
            return new PayloadIntegrityException("The blob's AES-GCM authentication tag does not match: the blob "
                    + "file was altered or truncated after it was written");
        }
    }
}
