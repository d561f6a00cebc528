package org.medledger.application;

import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import org.medledger.domain.model.record.RecordVersion;
import org.medledger.infrastructure.config.MedLedgerSettings;
import org.medledger.application.search.SearchIndexExtractor;
import org.medledger.infrastructure.crypto.BlindIndex;
import org.medledger.infrastructure.crypto.CanonicalJson;
import org.medledger.infrastructure.crypto.EnvelopeCipher;
import org.medledger.infrastructure.crypto.Kek;
import org.medledger.infrastructure.crypto.KeyEncryptionKeys;
import org.medledger.infrastructure.crypto.PayloadIntegrityException;
import org.medledger.infrastructure.crypto.PatientPseudonym;
import org.medledger.infrastructure.crypto.Pkcs12KeyEncryptionKeys;
import org.medledger.infrastructure.crypto.RecordVersionHash;
import org.medledger.infrastructure.crypto.ResearchPseudonym;
import org.medledger.infrastructure.crypto.SealedPayload;

/**
 * Turns a resource version into what is stored (canonical JSON → SHA-256 → AES-256-GCM envelope)
 * and back. The associated data binds each ciphertext to its type, id and version.
 */
@ApplicationScoped
public class RecordSealer {

    /** What a write stores: the canonical bytes, their hash (the anchored leaf) and the sealed payload. */
    public record Sealed(byte[] canonical, byte[] contentHash, SealedPayload payload) {
    }

    private static final CanonicalJson CANONICAL = CanonicalJson.fhir();
    /** Marks versions a benchmark run stored without encryption. */
    private static final String UNENCRYPTED = "bench-unencrypted";
    private static final java.util.logging.Logger LOG = java.util.logging.Logger.getLogger(RecordSealer.class.getName());

    private boolean encryptionDisabledForBenchmark;

    private KeyEncryptionKeys keys;
    private EnvelopeCipher cipher;
    private SearchIndexExtractor searchIndexExtractor;

    @PostConstruct
    void open() {
        keys = new Pkcs12KeyEncryptionKeys(MedLedgerSettings.dataDir().resolve("keys").resolve("medledger.p12"),
                MedLedgerSettings.keystorePassword());
        cipher = new EnvelopeCipher();
        encryptionDisabledForBenchmark = MedLedgerSettings.benchSwitch("disable-encryption");
        if (encryptionDisabledForBenchmark) {
            LOG.severe("BENCHMARK MODE: record versions are stored UNENCRYPTED. Never use this server for patient data.");
        }
        searchIndexExtractor = keys instanceof Pkcs12KeyEncryptionKeys pkcs12
                ? new SearchIndexExtractor(new BlindIndex(pkcs12.blindIndexKey())) : null;
        MedLedgerSettings.value("medledger.consortium.pseudonym-salt-file").ifPresent(this::installPseudonymSalt);
    }

    /**
     * Installs the consortium's pseudonym salt handed over by the first member (a file of hex digits, read once at
     * start-up), so this hospital names patients on chain as every other member does.
     */
    private void installPseudonymSalt(String file) {
        if (!(keys instanceof Pkcs12KeyEncryptionKeys pkcs12)) {
            throw new IllegalStateException("The configured key store cannot hold a consortium pseudonym salt");
        }
        try {
            pkcs12.installPseudonymSalt(java.util.HexFormat.of().parseHex(
                    java.nio.file.Files.readString(java.nio.file.Path.of(file)).strip()));
        } catch (java.io.IOException e) {
            throw new IllegalStateException("Cannot read the consortium pseudonym salt file " + file, e);
        }
    }

    /** Extracts search index rows, blinding names and identifiers with this hospital's blind-index key. */
    public SearchIndexExtractor searchIndexExtractor() {
        if (searchIndexExtractor == null) {
            throw new IllegalStateException("The configured key store provides no blind-index key");
        }
        return searchIndexExtractor;
    }

    public Sealed seal(String resourceType, String id, int version, ObjectNode resource) {
        byte[] canonical = canonicalForm(resource);
        byte[] hash = contentHash(canonical);
        if (encryptionDisabledForBenchmark) {
            return new Sealed(canonical, hash, new SealedPayload(canonical, new byte[12], new byte[0], UNENCRYPTED));
        }
        SealedPayload payload = cipher.seal(canonical, aad(resourceType, id, version), keys.current());
        return new Sealed(canonical, hash, payload);
    }

    /**
     * The canonical JSON bytes stored (and hashed) for a resource version. Text that has no UTF-8 form (a lone UTF-16
     * surrogate, which a JSON {@code \ud800} escape can carry) is refused rather than silently replaced by {@code ?}.
     */
    public static byte[] canonicalForm(ObjectNode resource) {
        ByteBuffer utf8;
        try {
            utf8 = StandardCharsets.UTF_8.newEncoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .encode(CharBuffer.wrap(resource.toString()));
        } catch (CharacterCodingException e) {
            throw new InvalidRecordException("The resource holds text that is not valid Unicode "
                    + "(an unpaired UTF-16 surrogate such as a lone \\ud800 escape)");
        }
        byte[] bytes = new byte[utf8.remaining()];
        utf8.get(bytes);
        return CANONICAL.canonicalize(bytes);
    }

    /** The canonical JSON of a stored version; throws PayloadIntegrityException when it was altered. */
    public byte[] open(RecordVersion version) {
        if (version.isErased()) {
            throw new RecordErasedException(version.versionedReference());
        }
        if (UNENCRYPTED.equals(version.getKekVersion())) {
            return version.getCiphertext();
        }
        SealedPayload payload = new SealedPayload(version.getCiphertext(), version.getNonce(),
                version.getWrappedKey(), version.getKekVersion());
        return cipher.open(payload, aad(version.getResourceType(), version.getResourceId(), version.getVersionNumber()),
                keys.byVersion(version.getKekVersion()).orElseThrow(() -> new PayloadIntegrityException(
                        "The key-encryption key " + version.getKekVersion() + " of " + version.versionedReference()
                                + " is not in the key store")));
    }

    /** Re-wraps a version's data key under the current KEK; the ciphertext is not touched. */
    public void rewrapToCurrent(RecordVersion version) {
        Kek current = keys.current();
        if (version.isErased() || current.version().equals(version.getKekVersion())) {
            return;
        }
        Kek old = keys.byVersion(version.getKekVersion()).orElseThrow(() -> new PayloadIntegrityException(
                "The key-encryption key " + version.getKekVersion() + " of " + version.versionedReference()
                        + " is not in the key store"));
        version.rewrap(cipher.rewrap(version.getWrappedKey(), old, current), current.version());
    }

    /**
     * SHA-256 of a version's canonical JSON. Blob locators (address and key of externalized attachment bytes) are
     * left out: the bytes are covered by their SHA-256, which stays in (see {@link BlobAttachments}).
     */
    public byte[] contentHash(byte[] canonical) {
        if (BlobAttachments.refersToBlobs(canonical)) {
            return RecordVersionHash.of(CANONICAL.canonicalize(BlobAttachments.withoutLocators(canonical))).bytes();
        }
        return RecordVersionHash.of(canonical).bytes();
    }

    /** The consortium-wide pseudonym of a patient's shared identifier, as the chain knows the patient. */
    public PatientPseudonym patientPseudonym(String system, String value) {
        if (!(keys instanceof Pkcs12KeyEncryptionKeys pkcs12)) {
            throw new IllegalStateException("The configured key store provides no consortium pseudonym salt");
        }
        return PatientPseudonym.of(pkcs12.pseudonymSalt(), system, value);
    }

    /** Pseudonymous ids and date shifts for research releases, under this hospital's own research key. */
    public ResearchPseudonym researchPseudonym() {
        if (!(keys instanceof Pkcs12KeyEncryptionKeys pkcs12)) {
            throw new IllegalStateException("The configured key store provides no research pseudonym key");
        }
        return new ResearchPseudonym(pkcs12.researchKey());
    }

    public KeyEncryptionKeys keys() {
        return keys;
    }

    private static byte[] aad(String resourceType, String id, int version) {
        return EnvelopeCipher.recordVersionAad(resourceType, id, version);
    }
}
