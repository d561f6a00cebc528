package org.medledger.infrastructure.blob;

import java.io.IOException;
import java.io.UncheckedIOException;
import org.medledger.domain.model.blob.BlobStore;
import org.medledger.infrastructure.config.MedLedgerSettings;

/** The blob store {@code medledger.blob.store} names. */
public final class BlobStores {

    private BlobStores() {
    }

    public static BlobStore configured() {
        String kind = MedLedgerSettings.blobStore();
        if (!kind.equals("local")) {
            throw new IllegalStateException("medledger.blob.store must be 'local', not '" + kind + "'");
        }
        try {
            return new LocalDirectoryBlobStore(MedLedgerSettings.blobDir());
        } catch (IOException e) {
            throw new UncheckedIOException("The blob directory " + MedLedgerSettings.blobDir() + " cannot be used", e);
        }
    }
}
