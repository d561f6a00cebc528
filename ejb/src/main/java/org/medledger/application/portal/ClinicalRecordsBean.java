package org.medledger.application.portal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.io.IOException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.medledger.application.AuditEvents;
import org.medledger.application.InvalidRecordException;
import org.medledger.application.RecordNotFoundException;
import org.medledger.application.RecordService;
import org.medledger.application.StoredResource;
import org.medledger.application.consent.ConsentService;
import org.medledger.application.search.ResourceSearch;
import org.medledger.domain.model.anchor.AnchorLeaf;
import org.medledger.domain.model.consent.Accessor;
import org.medledger.domain.model.consent.PurposeOfUse;
import org.medledger.domain.model.consent.ResourceCategory;
import org.medledger.domain.model.identity.PractitionerCredential;
import org.medledger.domain.model.identity.Role;
import org.medledger.domain.model.identity.UserAccount;
import org.medledger.domain.model.record.RecordVersionRepository;
import org.medledger.infrastructure.ledger.AnchorOutbox;

@Stateless
public class ClinicalRecordsBean implements ClinicalRecords {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int CHART_SIZE = 200;
    /** A doctor's patient list shows a patient when any of these may be seen for treatment. */
    private static final List<ResourceCategory> LISTED_WHEN = List.of(ResourceCategory.DEMOGRAPHICS,
            ResourceCategory.OBSERVATIONS, ResourceCategory.CONDITIONS, ResourceCategory.MEDICATIONS,
            ResourceCategory.ALLERGIES, ResourceCategory.ENCOUNTERS);

    @PersistenceContext(unitName = "medledger")
    private EntityManager em;

    @EJB
    private RecordService records;

    @EJB
    private ResourceSearch search;

    @EJB
    private ConsentService consents;

    @EJB
    private PortalCallers callers;

    @EJB
    private AnchorOutbox outbox;

    @Inject
    private RecordVersionRepository versions;

    @Override
    public List<PatientSummary> patientsOf(String doctorUsername, String query) {
        Accessor doctor = callers.clinician(callers.verifiedDoctor(doctorUsername));
        String wanted = query == null ? "" : query.strip().toLowerCase(Locale.ROOT);
        List<PatientSummary> result = new ArrayList<>();
        for (UserAccount account : em.createQuery("SELECT u FROM UserAccount u WHERE u.role = :patient "
                + "ORDER BY u.displayName", UserAccount.class).setParameter("patient", Role.PATIENT)
                .setMaxResults(2000).getResultList()) {
            String reference = account.getFhirReference();
            if (reference == null || !reference.startsWith("Patient/")) {
                continue;
            }
            String patientId = reference.substring("Patient/".length());
            if (!wanted.isEmpty() && !account.getDisplayName().toLowerCase(Locale.ROOT).contains(wanted)) {
                continue;
            }
            if (LISTED_WHEN.stream().anyMatch(category -> mayRead(patientId, doctor, category))) {
                records.read("Patient", patientId).filter(p -> !p.deleted()).ifPresent(p -> result.add(summary(p)));
            }
        }
        return result;
    }

    @Override
    public PatientChart chartForDoctor(String doctorUsername, String patientId) {
        PractitionerCredential credential = callers.verifiedDoctor(doctorUsername);
        Accessor doctor = callers.clinician(credential);
        StoredResource patient = patient(patientId);
        // While the doctor's break-glass window is open, the chart is read for emergency treatment.
        Optional<Instant> emergencyUntil = consents.emergencyUntil(patientId, doctor);
        PurposeOfUse purpose = emergencyUntil.isPresent() ? PurposeOfUse.ETREAT : PurposeOfUse.TREAT;
        boolean demographics = mayRead(patientId, doctor, ResourceCategory.DEMOGRAPHICS, purpose);
        List<ChartEntry> entries = new ArrayList<>();
        List<String> released = new ArrayList<>();
        int withheld = 0;
        for (StoredResource resource : compartment(patientId)) {
            if (mayRead(patientId, doctor, categoryOf(resource), purpose)) {
                entries.add(entry(resource));
                released.add(resource.resourceType() + "/" + resource.id());
            } else {
                withheld++;
            }
        }
        if (!demographics && entries.isEmpty()) {
            throw new PortalAccessDeniedException("This patient has not given you access to their records");
        }
        released.add("Patient/" + patientId);
        audit("read", "R", doctorUsername, released, purpose);
        PatientSummary heading = demographics ? summary(patient)
                : new PatientSummary(patientId, "Patient " + patientId, "", "");
        return new PatientChart(heading, entries, withheld, emergencyUntil.orElse(null));
    }

    @Override
    public PatientChart myChart(String patientUsername) {
        String patientId = callers.patientIdOf(patientUsername);
        StoredResource patient = patient(patientId);
        return new PatientChart(summary(patient), compartment(patientId).stream().map(this::entry).toList(), 0);
    }

    @Override
    public ChartEntry recordObservation(String doctorUsername, String patientId, ObservationEntry observation) {
        PractitionerCredential credential = callers.verifiedDoctor(doctorUsername);
        patient(patientId);
        Accessor clinician = callers.clinician(credential);
        PurposeOfUse purpose = consents.emergencyUntil(patientId, clinician).isPresent() ? PurposeOfUse.ETREAT
                : PurposeOfUse.TREAT;
        if (!mayRead(patientId, clinician, ResourceCategory.OBSERVATIONS, purpose)) {
            throw new PortalAccessDeniedException("This patient has not given you access to their observations");
        }
        String what = observation.what() == null ? "" : observation.what().strip();
        String unit = observation.unit() == null ? "" : observation.unit().strip();
        if (what.isEmpty() || what.length() > 128) {
            throw new InvalidRecordException("Enter what was measured (at most 128 characters)");
        }
        if (observation.value() == null) {
            throw new InvalidRecordException("Enter the measured value as a number");
        }
        if (unit.isEmpty() || unit.length() > 32) {
            throw new InvalidRecordException("Enter the unit (at most 32 characters)");
        }
        UserAccount doctor = callers.account(doctorUsername, Role.DOCTOR);
        ObjectNode json = JSON.createObjectNode().put("resourceType", "Observation").put("status", "final");
        json.withArray("category").addObject().withArray("coding").addObject()
                .put("system", "http://terminology.hl7.org/CodeSystem/observation-category").put("code", "vital-signs");
        json.putObject("code").put("text", what);
        json.putObject("subject").put("reference", "Patient/" + patientId);
        json.put("effectiveDateTime", Instant.now().truncatedTo(ChronoUnit.SECONDS).toString());
        if (doctor.getFhirReference() != null) {
            json.withArray("performer").addObject().put("reference", doctor.getFhirReference());
        }
        json.putObject("valueQuantity").put("value", observation.value()).put("unit", unit);
        StoredResource stored = records.create("Observation", json.toString());
        audit("create", "C", doctorUsername, List.of("Observation/" + stored.id(), "Patient/" + patientId),
                purpose);
        return entry(stored);
    }

    private boolean mayRead(String patientId, Accessor doctor, ResourceCategory category) {
        return mayRead(patientId, doctor, category, PurposeOfUse.TREAT);
    }

    private boolean mayRead(String patientId, Accessor doctor, ResourceCategory category, PurposeOfUse purpose) {
        return consents.decideForRecord(patientId, doctor, category, purpose).permitted();
    }

    private StoredResource patient(String patientId) {
        if (patientId == null || !patientId.matches("[A-Za-z0-9\\-.]{1,64}")) {
            throw new RecordNotFoundException("Patient");
        }
        return records.read("Patient", patientId).filter(p -> !p.deleted())
                .orElseThrow(() -> new RecordNotFoundException("Patient"));
    }

    private List<StoredResource> compartment(String patientId) {
        List<StoredResource> found = new ArrayList<>();
        for (String reference : search.patientCompartment(patientId, 0, CHART_SIZE).ids()) {
            int slash = reference.indexOf('/');
            String type = reference.substring(0, slash);
            if ("AuditEvent".equals(type) || "Consent".equals(type)) {
                continue;
            }
            records.read(type, reference.substring(slash + 1)).filter(r -> !r.deleted()).ifPresent(found::add);
        }
        found.sort(Comparator.comparing(StoredResource::lastUpdated).reversed());
        return found;
    }

    private void audit(String interaction, String action, String username, List<String> references,
                       PurposeOfUse purpose) {
        UserAccount user = callers.account(username, Role.DOCTOR);
        records.create("AuditEvent", AuditEvents.portalAccess(interaction, action, username, user.getDisplayName(),
                "doctor", purpose.name(), references, Instant.now().truncatedTo(ChronoUnit.SECONDS)));
    }

    private ChartEntry entry(StoredResource resource) {
        JsonNode json = parse(resource);
        boolean anchored = versions.version(resource.resourceType(), resource.id(), resource.version())
                .flatMap(v -> outbox.leafOf(v.getId())).map(l -> l.getState() == AnchorLeaf.State.ANCHORED)
                .orElse(false);
        return new ChartEntry(resource.resourceType() + "/" + resource.id(), resource.resourceType(),
                resource.version(), when(resource, json), describe(resource.resourceType(), json), anchored);
    }

    private static String when(StoredResource resource, JsonNode json) {
        for (String field : List.of("effectiveDateTime", "onsetDateTime", "recordedDate", "authoredOn", "date")) {
            if (json.hasNonNull(field)) {
                return json.path(field).asText();
            }
        }
        return resource.lastUpdated().toString();
    }

    private static String describe(String type, JsonNode json) {
        String code = concept(json.path("code"));
        return switch (type) {
            case "Observation" -> {
                JsonNode quantity = json.path("valueQuantity");
                yield quantity.isMissingNode() ? code
                        : code + ": " + quantity.path("value").asText() + " " + quantity.path("unit").asText();
            }
            case "Condition" -> code + optional(" (" + concept(json.path("clinicalStatus")) + ")",
                    json.has("clinicalStatus"));
            case "MedicationRequest" -> concept(json.path("medicationCodeableConcept"));
            default -> code.isEmpty() ? type : code;
        };
    }

    private static String optional(String text, boolean present) {
        return present ? text : "";
    }

    private static String concept(JsonNode concept) {
        if (concept.hasNonNull("text")) {
            return concept.path("text").asText();
        }
        for (JsonNode coding : concept.path("coding")) {
            if (coding.hasNonNull("display")) {
                return coding.path("display").asText();
            }
            if (coding.hasNonNull("code")) {
                return coding.path("code").asText();
            }
        }
        return "";
    }

    private static ResourceCategory categoryOf(StoredResource resource) {
        JsonNode json = parse(resource);
        for (JsonNode label : json.path("meta").path("security")) {
            Optional<ResourceCategory> sensitive = ResourceCategory.ofSensitivityLabel(label.path("code").asText());
            if (sensitive.isPresent()) {
                return sensitive.get();
            }
        }
        if ("Observation".equals(resource.resourceType())) {
            for (JsonNode category : json.path("category")) {
                for (JsonNode coding : category.path("coding")) {
                    if ("laboratory".equals(coding.path("code").asText())) {
                        return ResourceCategory.LABORATORY;
                    }
                }
            }
        }
        return ResourceCategory.ofResourceType(resource.resourceType());
    }

    static PatientSummary summary(StoredResource patient) {
        JsonNode json = parse(patient);
        JsonNode name = json.path("name").path(0);
        StringBuilder display = new StringBuilder();
        for (JsonNode given : name.path("given")) {
            display.append(given.asText()).append(' ');
        }
        display.append(name.path("family").asText());
        return new PatientSummary(patient.id(), display.toString().strip(), json.path("gender").asText(""),
                json.path("birthDate").asText(""));
    }

    private static JsonNode parse(StoredResource resource) {
        try {
            return JSON.readTree(resource.json());
        } catch (IOException e) {
            throw new IllegalStateException("A stored version is not JSON", e);
        }
    }
}
