package org.medledger.application;

import java.io.IOException;
import java.io.InputStream;
import java.util.Optional;

/**
 * The raw bytes of Binary resources, streamed both ways so that no Binary needs its size in memory. A raw upload is
 * staged in the blob store first and becomes a record version only when a Binary write claims it through the
 * FHIR API, where every check of a write applies; reads go through the FHIR API's checks before the bytes flow.
 */
public interface BinaryContentService {

    /** Encrypts an upload into the blob store; the token names it in the Binary write that claims it. */
    String stageUpload(InputStream plaintext) throws IOException;

    /** Deletes an upload that no write claimed. */
    void discardUpload(String token);

    /**
     * The bytes of a Binary version whose content is in the blob store; empty when the version has none there. The
     * stream's last read throws {@code PayloadIntegrityException} when the blob was altered.
     */
    Optional<BlobAttachments.Content> content(String id, int version);
}
