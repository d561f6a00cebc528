package org.medledger.domain.model.blob;

import java.io.IOException;

/** The store holds nothing under an address a record version refers to: the blob was removed or never written. */
public class BlobNotFoundException extends IOException {

    private static final long serialVersionUID = 1L;

    public BlobNotFoundException(BlobAddress address) {
        super("No blob is stored under " + address);
    }
}
