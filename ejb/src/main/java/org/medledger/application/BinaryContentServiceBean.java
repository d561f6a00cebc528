package org.medledger.application;

import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.InputStream;
import java.util.Optional;
import org.medledger.domain.model.record.RecordVersionRepository;

@Stateless
public class BinaryContentServiceBean implements BinaryContentService {

    @Inject
    private BlobAttachments blobs;

    @Inject
    private RecordSealer sealer;

    @Inject
    private RecordVersionRepository versions;

    @Override
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    public String stageUpload(InputStream plaintext) throws IOException {
        return blobs.stage(plaintext);
    }

    @Override
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    public void discardUpload(String token) {
        blobs.discard(token);
    }

    @Override
    @TransactionAttribute(TransactionAttributeType.SUPPORTS)
    public Optional<BlobAttachments.Content> content(String id, int version) {
        return versions.version("Binary", id, version)
                .filter(stored -> !stored.isDeleted())
                .flatMap(stored -> blobs.binaryContent(sealer.open(stored)));
    }
}
