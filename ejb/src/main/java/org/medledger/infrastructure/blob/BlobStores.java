package org.medledger.infrastructure.blob;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import org.medledger.domain.model.blob.BlobStore;
import org.medledger.infrastructure.config.MedLedgerSettings;

/** The blob store {@code medledger.blob.store} names. */
public final class BlobStores {

    private BlobStores() {
    }

    public static BlobStore configured() {
        String kind = MedLedgerSettings.blobStore();
        try {
            return switch (kind) {
                case "local" -> new LocalDirectoryBlobStore(MedLedgerSettings.blobDir());
                case "ipfs" -> new IpfsBlobStore(URI.create(MedLedgerSettings.blobIpfsApiUrl()),
                        MedLedgerSettings.blobDir().resolve(".ipfs-spool"), MedLedgerSettings.blobIpfsTimeout());
                default -> throw new IllegalStateException("medledger.blob.store must be 'local' or 'ipfs', not '"
                        + kind + "'");
            };
        } catch (IOException e) {
            throw new UncheckedIOException("The blob directory " + MedLedgerSettings.blobDir() + " cannot be used", e);
        }
    }
}
