package org.medledger.application.portal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.medledger.application.AuditEvents;
import org.medledger.application.RecordNotFoundException;
import org.medledger.application.RecordService;
import org.medledger.application.StoredResource;
import org.medledger.application.consent.ConsentService;
import org.medledger.application.search.ResourceSearch;
import org.medledger.domain.model.anchor.AnchorLeaf;
import org.medledger.domain.model.consent.Accessor;
import org.medledger.domain.model.consent.PurposeOfUse;
import org.medledger.domain.model.consent.ResourceCategory;
import org.medledger.domain.model.identity.Role;
import org.medledger.domain.model.identity.UserAccount;
import org.medledger.domain.model.record.RecordVersionRepository;
import org.medledger.infrastructure.ledger.AnchorOutbox;

/**
 * What the portal's chart services share: a patient's compartment, the consent category of a record and the policy's
 * answer for it, a record as one chart line (with its anchoring state), and the AuditEvent of a portal access.
 */
@Stateless
public class ChartRecords {

    static final ObjectMapper JSON = new ObjectMapper();
    private static final String ID = "[A-Za-z0-9\\-.]{1,64}";

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

    /** Whether the policy lets this clinician see the patient's records of this category for treatment. */
    public boolean mayRead(String patientId, Accessor clinician, ResourceCategory category) {
        return mayRead(patientId, clinician, category, PurposeOfUse.TREAT);
    }

    /** Whether the policy lets this clinician see the patient's records of this category for this purpose. */
    public boolean mayRead(String patientId, Accessor clinician, ResourceCategory category, PurposeOfUse purpose) {
        return consents.decideForRecord(patientId, clinician, category, purpose).permitted();
    }

    /** When the clinician's open break-glass window for the patient ends, if one is open. */
    public Optional<Instant> emergencyUntil(String patientId, Accessor clinician) {
        return consents.emergencyUntil(patientId, clinician);
    }

    /** Emergency treatment while the clinician's break-glass window for the patient is open, else treatment. */
    public PurposeOfUse purposeFor(String patientId, Accessor clinician) {
        return emergencyUntil(patientId, clinician).isPresent() ? PurposeOfUse.ETREAT : PurposeOfUse.TREAT;
    }

    public StoredResource patient(String patientId) {
        return current("Patient", patientId).orElseThrow(() -> new RecordNotFoundException("Patient"));
    }

    /** The current, not deleted version of a resource named by an id a user sent. */
    public Optional<StoredResource> current(String type, String id) {
        if (id == null || !id.matches(ID)) {
            return Optional.empty();
        }
        return records.read(type, id).filter(r -> !r.deleted());
    }

    /** The patient's clinical records (no AuditEvents, no Consents), newest first, at most {@code limit}. */
    public List<StoredResource> compartment(String patientId, int limit) {
        List<StoredResource> found = new ArrayList<>();
        for (String reference : search.patientCompartment(patientId, 0, limit).ids()) {
            int slash = reference.indexOf('/');
            String type = reference.substring(0, slash);
            if ("AuditEvent".equals(type) || "Consent".equals(type)) {
                continue;
            }
            records.read(type, reference.substring(slash + 1)).filter(r -> !r.deleted()).ifPresent(found::add);
        }
        found.sort(Comparator.comparing((StoredResource r) -> when(r, parse(r))).reversed());
        return found;
    }

    /** The patient a record belongs to ({@code subject} or {@code patient}), if it names one. */
    public static Optional<String> patientOf(StoredResource resource) {
        JsonNode json = parse(resource);
        for (String field : List.of("subject", "patient")) {
            String reference = json.path(field).path("reference").asText("");
            if (reference.startsWith("Patient/")) {
                return Optional.of(reference.substring("Patient/".length()));
            }
        }
        return Optional.empty();
    }

    /** The consent category of one record: its type's, refined by laboratory observations and sensitivity labels. */
    public static ResourceCategory categoryOf(StoredResource resource) {
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

    /** One portal access as an AuditEvent: a doctor's for treatment, a patient's on their own request. */
    public void audit(String interaction, String action, String username, Role role, List<String> references) {
        audit(interaction, action, username, role, references,
                role == Role.PATIENT ? PurposeOfUse.PATRQT : PurposeOfUse.TREAT);
    }

    /** One portal access as an AuditEvent, for the purpose it was made for. */
    public void audit(String interaction, String action, String username, Role role, List<String> references,
                      PurposeOfUse purposeOfUse) {
        UserAccount user = callers.account(username, role);
        String purpose = purposeOfUse.name();
        records.create("AuditEvent", AuditEvents.portalAccess(interaction, action, username, user.getDisplayName(),
                role.groupName(), purpose, references, Instant.now().truncatedTo(ChronoUnit.SECONDS)));
    }

    public ChartEntry entry(StoredResource resource) {
        JsonNode json = parse(resource);
        boolean anchored = versions.version(resource.resourceType(), resource.id(), resource.version())
                .flatMap(v -> outbox.leafOf(v.getId())).map(l -> l.getState() == AnchorLeaf.State.ANCHORED)
                .orElse(false);
        return new ChartEntry(resource.resourceType() + "/" + resource.id(), resource.resourceType(),
                resource.version(), when(resource, json), describe(resource.resourceType(), json), anchored);
    }

    /** The measurements among these records, oldest first, for the chart of vitals over time. */
    public static List<VitalSign> vitals(List<StoredResource> resources) {
        List<VitalSign> vitals = new ArrayList<>();
        for (StoredResource resource : resources) {
            if (!"Observation".equals(resource.resourceType())) {
                continue;
            }
            JsonNode json = parse(resource);
            JsonNode quantity = json.path("valueQuantity");
            if (quantity.path("value").isNumber() && !concept(json.path("code")).isEmpty()) {
                vitals.add(new VitalSign(concept(json.path("code")), quantity.path("unit").asText(""),
                        when(resource, json), new BigDecimal(quantity.path("value").asText())));
            }
        }
        vitals.sort(Comparator.comparing(VitalSign::when));
        return vitals;
    }

    static String when(StoredResource resource, JsonNode json) {
        for (String field : List.of("effectiveDateTime", "onsetDateTime", "recordedDate", "authoredOn", "date")) {
            if (json.hasNonNull(field)) {
                return json.path(field).asText();
            }
        }
        if (json.path("period").hasNonNull("start")) {
            return json.path("period").path("start").asText();
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
            case "MedicationRequest" -> concept(json.path("medicationCodeableConcept"))
                    + optional(", " + json.path("dosageInstruction").path(0).path("text").asText(),
                    json.path("dosageInstruction").path(0).hasNonNull("text"));
            case "Encounter" -> {
                String kind = concept(json.path("type").path(0));
                yield kind.isEmpty() ? "Encounter" : kind;
            }
            case "DocumentReference" -> document(json);
            default -> code.isEmpty() ? type : code;
        };
    }

    /** A note shows its text; a file, its kind and title. */
    private static String document(JsonNode json) {
        String kind = concept(json.path("type"));
        JsonNode attachment = json.path("content").path(0).path("attachment");
        if (attachment.path("contentType").asText("").startsWith("text/plain") && attachment.hasNonNull("data")) {
            String text = new String(Base64.getDecoder().decode(attachment.path("data").asText()),
                    StandardCharsets.UTF_8);
            return kind + ": " + (text.length() > 300 ? text.substring(0, 300) + "…" : text);
        }
        String title = json.path("description").asText(attachment.path("title").asText(""));
        return kind + (title.isEmpty() ? "" : ": " + title);
    }

    private static String optional(String text, boolean present) {
        return present ? text : "";
    }

    static String concept(JsonNode concept) {
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

    static JsonNode parse(StoredResource resource) {
        try {
            return JSON.readTree(resource.json());
        } catch (IOException e) {
            throw new IllegalStateException("A stored version is not JSON", e);
        }
    }
}
