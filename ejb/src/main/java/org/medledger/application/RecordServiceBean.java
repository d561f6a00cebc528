package org.medledger.application;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.persistence.PersistenceException;
import java.io.IOException;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;
import org.medledger.application.search.SearchIndexWriter;
import org.medledger.domain.model.anchor.AnchorBatch;
import org.medledger.domain.model.anchor.AnchorLeaf;
import org.medledger.application.consent.ConsentChangeRecorder;
import org.medledger.application.consent.SharedPatientIdentity;
import org.medledger.domain.model.record.RecordVersion;
import org.medledger.domain.model.record.RecordVersionRepository;
import org.medledger.infrastructure.crypto.PayloadIntegrityException;
import org.medledger.infrastructure.ledger.AnchorOutbox;
import org.medledger.infrastructure.ledger.LedgerGateway;
import org.medledger.infrastructure.ledger.LedgerUnavailableException;
import org.medledger.infrastructure.ledger.merkle.MerkleTree;

@Stateless
public class RecordServiceBean implements RecordService {

    /** Decimals stay exactly as written ("1.10" is not "1.1"): FHIR decimals carry precision. */
    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .configure(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES, false)
            .setNodeFactory(JsonNodeFactory.withExactBigDecimals(true));
    private static final Pattern FHIR_ID = Pattern.compile("[A-Za-z0-9\\-.]{1,64}");
    private static final HexFormat HEX = HexFormat.of();

    @Inject
    private RecordVersionRepository versions;

    @Inject
    private RecordSealer sealer;

    @EJB
    private AnchorOutbox outbox;

    @Inject
    private SearchIndexWriter searchIndex;

    @EJB
    private LedgerGateway ledger;

    @EJB
    private ConsentChangeRecorder consentChanges;

    @Inject
    private SharedPatientIdentity patientIdentity;

    @Inject
    private BlobAttachments blobs;

    @Override
    public StoredResource create(String resourceType, String json) {
        return write(resourceType, UUID.randomUUID().toString(), parse(resourceType, json), 1, false);
    }

    @Override
    public StoredResource update(String resourceType, String id, String json, Integer expectedVersion) {
        requireValidId(id);
        Optional<RecordVersion> current = versions.latest(resourceType, id);
        int currentVersion = current.map(RecordVersion::getVersionNumber).orElse(0);
        if (expectedVersion != null && expectedVersion != currentVersion) {
            throw new VersionConflictException(resourceType + "/" + id, expectedVersion, currentVersion);
        }
        return write(resourceType, id, parse(resourceType, json), currentVersion + 1, false);
    }

    @Override
    public StoredResource delete(String resourceType, String id) {
        requireValidId(id);
        RecordVersion current = versions.latest(resourceType, id)
                .filter(v -> !v.isDeleted())
                .orElseThrow(() -> new RecordNotFoundException(resourceType + "/" + id));
        ObjectNode tombstone = JSON.createObjectNode();
        tombstone.put("resourceType", resourceType);
        return write(resourceType, id, tombstone, current.getVersionNumber() + 1, true);
    }

    @Override
    public int erase(String resourceType, String id, String reason) {
        requireValidId(id);
        List<RecordVersion> all = versions.history(resourceType, id);
        if (all.isEmpty()) {
            throw new RecordNotFoundException(resourceType + "/" + id);
        }
        Instant now = Instant.now();
        int erased = 0;
        for (RecordVersion version : all) {
            if (!version.isErased()) {
                version.erase(now);
                erased++;
            }
        }
        searchIndex.forget(resourceType, id, now);
        create("AuditEvent", AuditEvents.erasure(resourceType + "/" + id, erased, reason, now));
        return erased;
    }

    @Override
    @TransactionAttribute(TransactionAttributeType.SUPPORTS)
    public Optional<StoredResource> read(String resourceType, String id) {
        if (!FHIR_ID.matcher(id).matches()) {
            return Optional.empty();
        }
        return versions.latest(resourceType, id).map(this::open);
    }

    @Override
    @TransactionAttribute(TransactionAttributeType.SUPPORTS)
    public Optional<StoredResource> readVersion(String resourceType, String id, int version) {
        if (!FHIR_ID.matcher(id).matches()) {
            return Optional.empty();
        }
        return versions.version(resourceType, id, version).map(this::open);
    }

    @Override
    @TransactionAttribute(TransactionAttributeType.SUPPORTS)
    public List<StoredResource> history(String resourceType, String id) {
        List<StoredResource> result = new ArrayList<>();
        for (RecordVersion version : versions.history(resourceType, id)) {
            result.add(open(version));
        }
        return result;
    }

    @Override
    @TransactionAttribute(TransactionAttributeType.SUPPORTS)
    public HistoryPage history(String resourceType, String id, Instant since, int offset, int count) {
        if (id != null && !FHIR_ID.matcher(id).matches()) {
            return new HistoryPage(List.of(), 0);
        }
        List<StoredResource> page = new ArrayList<>();
        for (RecordVersion version : versions.historyPage(resourceType, id, since, offset, count)) {
            if (!version.isErased()) {
                page.add(open(version));
            }
        }
        return new HistoryPage(page, versions.countHistory(resourceType, id, since));
    }

    @Override
    @TransactionAttribute(TransactionAttributeType.SUPPORTS)
    public VerificationReport verify(String resourceType, String id, Integer versionNumber) {
        RecordVersion version = (versionNumber == null
                ? versions.latest(resourceType, id)
                : versions.version(resourceType, id, versionNumber))
                .orElseThrow(() -> new RecordNotFoundException(resourceType + "/" + id));
        String reference = version.versionedReference();
        String storedHash = HEX.formatHex(version.getContentHash());
        boolean erased = version.isErased();
        byte[] computed;
        byte[] opened = null;
        try {
            // An erased version can't be decrypted any more: its stored hash is checked against the chain instead.
            opened = erased ? null : sealer.open(version);
            computed = erased ? version.getContentHash() : sealer.contentHash(opened);
        } catch (PayloadIntegrityException e) {
            return new VerificationReport(reference, VerificationReport.Status.MISMATCHED, null, storedHash,
                    null, null, List.of(), null, null, null, null,
                    "The stored ciphertext fails its authentication tag: it was altered after it was written");
        }
        String computedHash = HEX.formatHex(computed);
        if (!computedHash.equals(storedHash)) {
            return new VerificationReport(reference, VerificationReport.Status.MISMATCHED, computedHash, storedHash,
                    null, null, List.of(), null, null, null, null,
                    "The content no longer matches the hash recorded when it was written");
        }
        Optional<String> blobProblem = opened == null ? Optional.empty() : blobs.problemWith(opened);
        if (blobProblem.isPresent()) {
            return new VerificationReport(reference, VerificationReport.Status.MISMATCHED, computedHash, storedHash,
                    null, null, List.of(), null, null, null, null, blobProblem.get());
        }
        Optional<AnchorLeaf> leaf = outbox.leafOf(version.getId());
        if (leaf.isEmpty()) {
            return new VerificationReport(reference, VerificationReport.Status.MISMATCHED, computedHash, storedHash,
                    null, null, List.of(), null, null, null, null, "The version has no anchoring entry");
        }
        if (!HEX.formatHex(leaf.get().getLeafHash()).equals(computedHash)) {
            return new VerificationReport(reference, VerificationReport.Status.MISMATCHED, computedHash, storedHash,
                    null, null, List.of(), null, null, null, null,
                    "The queued anchor leaf does not match the content");
        }
        if (leaf.get().getState() != AnchorLeaf.State.ANCHORED) {
            return new VerificationReport(reference, VerificationReport.Status.PENDING, computedHash, storedHash,
                    null, null, List.of(), null, null, null, null, "Waiting for the next anchor batch");
        }
        AnchorBatch batch = outbox.batch(leaf.get().getBatchId()).orElseThrow();
        List<byte[]> proof = split(leaf.get().getProof());
        List<String> proofHex = proof.stream().map(HEX::formatHex).toList();
        byte[] root = batch.getMerkleRoot();
        String rootHex = HEX.formatHex(root);
        if (!MerkleTree.verify(computed, proof, root)) {
            return new VerificationReport(reference, VerificationReport.Status.MISMATCHED, computedHash, storedHash,
                    rootHex, leaf.get().getLeafIndex(), proofHex, batch.getTxHash(), batch.getBlockNumber(), null, anchorContract(),
                    "The stored Merkle proof does not lead to the anchored root");
        }
        try {
            boolean rootOnChain = ledger.anchoredBlock(root).isPresent();
            boolean proofOnChain = rootOnChain && ledger.verifyOnChain(computed, proof, root);
            VerificationReport.Status confirmed = erased ? VerificationReport.Status.ERASED
                    : VerificationReport.Status.MATCHED;
            return new VerificationReport(reference,
                    proofOnChain ? confirmed : VerificationReport.Status.MISMATCHED,
                    computedHash, storedHash, rootHex, leaf.get().getLeafIndex(), proofHex, batch.getTxHash(),
                    batch.getBlockNumber(), proofOnChain, anchorContract(),
                    !proofOnChain ? "The chain does not confirm this root and proof"
                            : erased ? "Erased on request; its hash is still anchored on chain"
                            : "Content matches the hash anchored on chain");
        } catch (LedgerUnavailableException e) {
            return new VerificationReport(reference, VerificationReport.Status.PENDING, computedHash, storedHash,
                    rootHex, leaf.get().getLeafIndex(), proofHex, batch.getTxHash(), batch.getBlockNumber(), null, anchorContract(),
                    "Local proof is valid; the chain node is unreachable, so the on-chain check is pending");
        }
    }

    private String anchorContract() {
        return ledger.contractAddresses().get(LedgerGateway.RECORD_ANCHOR);
    }

    private StoredResource write(String resourceType, String id, ObjectNode resource, int versionNumber,
                                 boolean deleted) {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        resource.put("id", id);
        ObjectNode meta = resource.has("meta") && resource.get("meta").isObject()
                ? (ObjectNode) resource.get("meta") : resource.putObject("meta");
        meta.put("versionId", Integer.toString(versionNumber));
        meta.put("lastUpdated", DateTimeFormatter.ISO_INSTANT.format(now));
        blobs.externalize(resource);
        RecordSealer.Sealed sealed = sealer.seal(resourceType, id, versionNumber, resource);
        RecordVersion version = new RecordVersion(resourceType, id, versionNumber, deleted, now,
                sealed.contentHash(), sealed.payload().ciphertextWithTag(), sealed.payload().nonce(),
                sealed.payload().wrappedDataKey(), sealed.payload().kekVersion());
        try {
            versions.store(version);
        } catch (PersistenceException e) {
            if (!isConstraintViolation(e)) {
                throw e;
            }
            throw new VersionConflictException(resourceType + "/" + id, versionNumber - 1, versionNumber);
        }
        outbox.enqueue(version.getId(), sealed.contentHash());
        searchIndex.indexVersion(resourceType, id, versionNumber, deleted, now, resource);
        if ("Consent".equals(resourceType)) {
            consentChanges.record(id, versionNumber, resource, deleted, now);
        } else if ("Patient".equals(resourceType)) {
            patientIdentity.forget(id);
        }
        return new StoredResource(resourceType, id, versionNumber, now, deleted,
                blobs.forResponse(sealed.canonical()));
    }

    /** A unique-key clash (SQLState class 23): another writer stored this version first. */
    private static boolean isConstraintViolation(Throwable thrown) {
        for (Throwable t = thrown; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof java.sql.SQLException sql && sql.getSQLState() != null
                    && sql.getSQLState().startsWith("23")) {
                return true;
            }
        }
        return false;
    }

    private StoredResource open(RecordVersion version) {
        byte[] canonical = sealer.open(version);
        return new StoredResource(version.getResourceType(), version.getResourceId(), version.getVersionNumber(),
                version.getLastUpdated(), version.isDeleted(), blobs.forReading(canonical));
    }

    private static ObjectNode parse(String resourceType, String json) {
        JsonNode tree;
        try {
            tree = JSON.readTree(json);
        } catch (IOException e) {
            throw new InvalidRecordException("The body is not valid JSON");
        }
        if (!(tree instanceof ObjectNode resource)) {
            throw new InvalidRecordException("A FHIR resource must be a JSON object");
        }
        JsonNode type = resource.get("resourceType");
        if (type == null || !resourceType.equals(type.asText())) {
            throw new InvalidRecordException("Expected a resource of type " + resourceType);
        }
        return resource;
    }

    private static void requireValidId(String id) {
        if (id == null || !FHIR_ID.matcher(id).matches()) {
            throw new InvalidRecordException("A FHIR id is 1 to 64 characters of A-Z, a-z, 0-9, '-' and '.'");
        }
    }

    private static List<byte[]> split(byte[] concatenated) {
        List<byte[]> proof = new ArrayList<>();
        for (int i = 0; concatenated != null && i < concatenated.length; i += 32) {
            byte[] node = new byte[32];
            System.arraycopy(concatenated, i, node, 0, 32);
            proof.add(node);
        }
        return proof;
    }
}
