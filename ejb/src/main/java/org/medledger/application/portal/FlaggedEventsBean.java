package org.medledger.application.portal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import java.io.IOException;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.medledger.application.AuditEvents;
import org.medledger.application.InvalidRecordException;
import org.medledger.application.RecordNotFoundException;
import org.medledger.application.RecordService;
import org.medledger.application.StoredResource;
import org.medledger.application.search.ResourceSearch;
import org.medledger.application.search.SearchCriterion;
import org.medledger.domain.model.audit.FlaggedEventReview;
import org.medledger.domain.model.consent.EmergencyDeclaration;
import org.medledger.domain.model.identity.Role;
import org.medledger.domain.model.identity.UserAccount;

@Stateless
public class FlaggedEventsBean implements FlaggedEvents {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm z")
            .withZone(ZoneId.systemDefault());
    /** Flagged events are security alerts (DICOM 110113) tagged for review. */
    private static final String SECURITY_ALERT = "http://dicom.nema.org/resources/ontology/DCM|110113";
    private static final String REVIEW_TAG_SYSTEM = "urn:medledger:audit";
    private static final String REVIEW_TAG = "review-required";

    @PersistenceContext(unitName = "medledger")
    private EntityManager em;

    @EJB
    private RecordService records;

    @EJB
    private ResourceSearch search;

    @EJB
    private PortalCallers callers;

    @Override
    public List<FlaggedEvent> flagged(String auditorUsername) {
        callers.account(auditorUsername, Role.AUDITOR);
        List<FlaggedEvent> flagged = new ArrayList<>();
        for (String id : search.search("AuditEvent", List.of(new SearchCriterion("type", List.of(SECURITY_ALERT))),
                "-_lastUpdated", 0, AuditTrail.LIMIT).ids()) {
            records.read("AuditEvent", id).filter(r -> !r.deleted()).map(FlaggedEventsBean::parse)
                    .filter(FlaggedEventsBean::reviewRequired).ifPresent(event -> flagged.add(entry(id, event)));
        }
        return flagged;
    }

    @Override
    public void markReviewed(String auditorUsername, String auditEventId, String note) {
        UserAccount auditor = callers.account(auditorUsername, Role.AUDITOR);
        JsonNode event = (auditEventId == null ? Optional.<StoredResource>empty()
                : records.read("AuditEvent", auditEventId)).filter(r -> !r.deleted()).map(FlaggedEventsBean::parse)
                .filter(FlaggedEventsBean::reviewRequired).orElseThrow(() -> new RecordNotFoundException("AuditEvent"));
        String text = note == null ? "" : note.strip();
        if (text.isEmpty()) {
            throw new InvalidRecordException("Enter a review note");
        }
        if (text.length() > 1000) {
            throw new InvalidRecordException("The review note is longer than 1000 characters");
        }
        if (em.find(FlaggedEventReview.class, auditEventId, LockModeType.PESSIMISTIC_WRITE) != null) {
            throw new InvalidRecordException("This event was already reviewed");
        }
        Instant now = Instant.now();
        em.persist(new FlaggedEventReview(auditEventId, auditorUsername, text, now));
        List<String> references = new ArrayList<>(List.of("AuditEvent/" + auditEventId));
        String patient = patientOf(event);
        if (!patient.isEmpty()) {
            references.add(patient);
        }
        records.create("AuditEvent", AuditEvents.portalStep("Flagged event reviewed", "E", auditorUsername,
                auditor.getDisplayName(), "auditor", "HOPERAT", references, now.truncatedTo(ChronoUnit.SECONDS)));
    }

    private FlaggedEvent entry(String id, JsonNode event) {
        EmergencyDeclaration declaration = em.find(EmergencyDeclaration.class, id);
        FlaggedEventReview review = em.find(FlaggedEventReview.class, id);
        String recorded = event.path("recorded").asText("");
        if (recorded.matches("\\d{4}-\\d{2}-\\d{2}T.*Z")) {
            recorded = TIME.format(Instant.parse(recorded));
        }
        return new FlaggedEvent(id, recorded, patientOf(event), event.path("outcomeDesc").asText(""),
                declaration == null ? "" : declaration.getDetails(),
                review == null ? null : review.getReviewer(),
                review == null ? null : TIME.format(review.getReviewedAt()),
                review == null ? null : review.getNote());
    }

    private static String patientOf(JsonNode event) {
        for (JsonNode entity : event.path("entity")) {
            String reference = entity.path("what").path("reference").asText("");
            if (reference.startsWith("Patient/")) {
                return reference;
            }
        }
        return "";
    }

    private static boolean reviewRequired(JsonNode event) {
        for (JsonNode tag : event.path("meta").path("tag")) {
            if (REVIEW_TAG_SYSTEM.equals(tag.path("system").asText()) && REVIEW_TAG.equals(tag.path("code").asText())) {
                return true;
            }
        }
        return false;
    }

    private static JsonNode parse(StoredResource resource) {
        try {
            return JSON.readTree(resource.json());
        } catch (IOException e) {
            throw new IllegalStateException("A stored version is not JSON", e);
        }
    }
}
