package org.medledger.application.consent;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.medledger.application.InvalidRecordException;
import org.medledger.application.RecordNotFoundException;
import org.medledger.application.RecordSealer;
import org.medledger.domain.model.record.RecordVersion;
import org.medledger.domain.model.record.RecordVersionRepository;
import org.medledger.infrastructure.config.MedLedgerSettings;

/** The chain's name for a patient held here: the pseudonym of the patient's identifier in the shared system. */
@ApplicationScoped
public class SharedPatientIdentity {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Inject
    private RecordVersionRepository versions;

    @Inject
    private RecordSealer sealer;

    /** Pseudonyms already computed, per patient id; forgotten when the patient changes. */
    private final Map<String, Optional<String>> known = new ConcurrentHashMap<>();

    /** The pseudonym (64 hex digits) of a Patient held here; refused when it has no shared identifier. */
    public String pseudonymOf(String patientId) {
        return pseudonymIfShared(patientId).orElseThrow(() -> new InvalidRecordException("The patient has no "
                + "identifier of the consortium's shared system " + MedLedgerSettings.sharedPatientIdentifierSystem()
                + ", so consents cannot name them for every member"));
    }

    /** The pseudonym of a Patient held here, or empty when it has no shared identifier (no consent can name it). */
    public Optional<String> pseudonymIfShared(String patientId) {
        Optional<String> cached = known.get(patientId);
        if (cached != null) {
            return cached;
        }
        Optional<String> computed = compute(patientId);
        if (known.size() > 100_000) {
            known.clear();
        }
        known.put(patientId, computed);
        return computed;
    }

    /** Called when a Patient version is written: its identifiers may have changed. */
    public void forget(String patientId) {
        known.remove(patientId);
    }

    private Optional<String> compute(String patientId) {
        RecordVersion patient = versions.latest("Patient", patientId).filter(v -> !v.isDeleted())
                .orElseThrow(() -> new RecordNotFoundException("Patient/" + patientId));
        String system = MedLedgerSettings.sharedPatientIdentifierSystem();
        try {
            for (JsonNode identifier : JSON.readTree(sealer.open(patient)).path("identifier")) {
                String value = identifier.path("value").asText("");
                if (system.equals(identifier.path("system").asText()) && !value.isBlank()) {
                    return Optional.of(sealer.patientPseudonym(system, value).hex());
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException("A stored Patient version is not JSON", e);
        }
        return Optional.empty();
    }
}
