package org.medledger.domain.model.blob;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * Where blob ciphertexts live, addressed by their content: the same bytes always get the same address, and the
 * address lets anyone check the bytes. Stores only ever see ciphertext. Implementations stream; none holds a whole
 * blob in memory.
 */
public interface BlobStore {

    /** Writes the bytes of one blob to the stream it is given, and may close it (the store finishes the write). */
    @FunctionalInterface
    interface BlobWriter {
        void writeTo(OutputStream out) throws IOException;
    }

    /**
     * Stores a new blob. Either the whole blob is stored under its address or, when {@code writer} or the store
     * fails, nothing is (no half blob survives a crash).
     */
    BlobAddress put(BlobWriter writer) throws IOException;

    /** The stored bytes; the caller closes the stream. */
    InputStream open(BlobAddress address) throws IOException;

    /** Whether a blob is stored under the address. */
    boolean contains(BlobAddress address) throws IOException;

    /** Removes a blob (no-op when absent). */
    void delete(BlobAddress address) throws IOException;
}
