package org.medledger.application.portal;

import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import org.medledger.application.AuditEvents;
import org.medledger.application.InvalidRecordException;
import org.medledger.application.RecordNotFoundException;
import org.medledger.application.RecordService;
import org.medledger.application.notification.Notifications;
import org.medledger.domain.model.consent.PatientAccessRequest;
import org.medledger.domain.model.consent.PurposeOfUse;
import org.medledger.domain.model.consent.ResourceCategory;
import org.medledger.domain.model.identity.PractitionerCredential;
import org.medledger.domain.model.identity.Role;
import org.medledger.domain.model.identity.UserAccount;

@Stateless
public class AccessRequestsBean implements AccessRequests {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm z")
            .withZone(ZoneId.systemDefault());
    private static final int LIMIT = 200;

    @PersistenceContext(unitName = "medledger")
    private EntityManager em;

    @EJB
    private RecordService records;

    @EJB
    private PortalCallers callers;

    @EJB
    private PatientLookup lookup;

    @EJB
    private PortalConsents consents;

    @EJB
    private Notifications notifications;

    @Override
    public PatientMatch find(String doctorUsername, String query) {
        return lookup.find(doctorUsername, query, PurposeOfUse.TREAT.name());
    }

    @Override
    public String request(String doctorUsername, String patientId, AccessRequestForm form) {
        callers.verifiedDoctor(doctorUsername);
        UserAccount doctor = callers.account(doctorUsername, Role.DOCTOR);
        UserAccount patient = (patientId == null ? Optional.<UserAccount>empty() : lookup.loginOf(patientId))
                .orElseThrow(() -> new InvalidRecordException("Find the patient first: only a patient with a portal "
                        + "login here can answer a request"));
        if (form.categories() == null || form.categories().isEmpty()) {
            throw new InvalidRecordException("Choose at least one kind of record");
        }
        for (String category : form.categories()) {
            ResourceCategory.ofCode(category).orElseThrow(() -> new InvalidRecordException("Unknown kind of record"));
        }
        if (form.purposes() == null || form.purposes().isEmpty()) {
            throw new InvalidRecordException("Choose at least one purpose");
        }
        for (String purpose : form.purposes()) {
            PurposeOfUse.ofCode(purpose).orElseThrow(() -> new InvalidRecordException("Unknown purpose of use"));
        }
        String reason = form.reason() == null ? "" : form.reason().strip();
        if (reason.isEmpty()) {
            throw new InvalidRecordException("Enter the reason for your request");
        }
        if (reason.length() > 500) {
            throw new InvalidRecordException("The reason is longer than 500 characters");
        }
        boolean alreadyAsked = !em.createQuery("SELECT r.id FROM PatientAccessRequest r WHERE r.patientId = :patient "
                        + "AND r.doctorUsername = :doctor AND r.status = :pending", String.class)
                .setParameter("patient", patientId).setParameter("doctor", doctorUsername)
                .setParameter("pending", PatientAccessRequest.Status.PENDING).setMaxResults(1).getResultList()
                .isEmpty();
        if (alreadyAsked) {
            throw new InvalidRecordException("You already asked this patient: wait for their answer");
        }
        Instant now = Instant.now();
        PatientAccessRequest request = new PatientAccessRequest(patientId, doctorUsername, form.categories(),
                form.purposes(), reason, now);
        em.persist(request);
        audit("Access request made", "C", doctor, "doctor", form.purposes().get(0), List.of("Patient/" + patientId),
                now);
        notifications.accessRequested(patient.getUsername(), doctor.getDisplayName(), form.categories(),
                form.purposes());
        return request.getId();
    }

    @Override
    public List<AccessRequestSummary> requestsOf(String doctorUsername) {
        UserAccount doctor = callers.account(doctorUsername, Role.DOCTOR);
        return em.createQuery("SELECT r FROM PatientAccessRequest r WHERE r.doctorUsername = :doctor "
                        + "ORDER BY r.requestedAt DESC", PatientAccessRequest.class)
                .setParameter("doctor", doctorUsername).setMaxResults(LIMIT).getResultList().stream()
                .map(r -> summary(r, doctor.getDisplayName())).toList();
    }

    @Override
    public List<AccessRequestSummary> pendingFor(String patientUsername) {
        String patientId = callers.patientIdOf(patientUsername);
        return em.createQuery("SELECT r FROM PatientAccessRequest r WHERE r.patientId = :patient "
                        + "AND r.status = :pending ORDER BY r.requestedAt", PatientAccessRequest.class)
                .setParameter("patient", patientId).setParameter("pending", PatientAccessRequest.Status.PENDING)
                .setMaxResults(LIMIT).getResultList().stream().map(r -> summary(r, doctorLabel(r.getDoctorUsername())))
                .toList();
    }

    @Override
    public String approve(String patientUsername, String requestId) {
        PatientAccessRequest request = pendingOf(patientUsername, requestId);
        String consentId = consents.grant(patientUsername, new ConsentRequest("clinician:" + request.getDoctorUsername(),
                request.getCategories(), request.getPurposes(), null));
        Instant now = Instant.now();
        request.approve(consentId, now);
        audit("Access request approved", "U", callers.account(patientUsername, Role.PATIENT), "patient",
                request.getPurposes().get(0), List.of("Consent/" + consentId, "Patient/" + request.getPatientId()),
                now);
        notifications.accessRequestAnswered(request.getDoctorUsername(), true, request.getRequestedAt());
        return consentId;
    }

    @Override
    public void deny(String patientUsername, String requestId, String reason) {
        PatientAccessRequest request = pendingOf(patientUsername, requestId);
        String why = reason == null || reason.isBlank() ? null : reason.strip();
        if (why != null && why.length() > 500) {
            throw new InvalidRecordException("The reason for the denial is longer than 500 characters");
        }
        Instant now = Instant.now();
        request.deny(why, now);
        audit("Access request denied", "U", callers.account(patientUsername, Role.PATIENT), "patient",
                request.getPurposes().get(0), List.of("Patient/" + request.getPatientId()), now);
        notifications.accessRequestAnswered(request.getDoctorUsername(), false, request.getRequestedAt());
    }

    /** The signed-in patient's own request, still waiting for an answer, locked against a concurrent answer. */
    private PatientAccessRequest pendingOf(String patientUsername, String requestId) {
        String patientId = callers.patientIdOf(patientUsername);
        PatientAccessRequest request = requestId == null ? null
                : em.find(PatientAccessRequest.class, requestId, LockModeType.PESSIMISTIC_WRITE);
        if (request == null || !request.getPatientId().equals(patientId)) {
            throw new RecordNotFoundException("Access request");
        }
        if (request.getStatus() != PatientAccessRequest.Status.PENDING) {
            throw new InvalidRecordException("This request was already answered");
        }
        return request;
    }

    private String doctorLabel(String doctorUsername) {
        UserAccount doctor = em.find(UserAccount.class, doctorUsername);
        PractitionerCredential credential = callers.credentialOf(doctorUsername);
        String name = doctor == null ? doctorUsername : doctor.getDisplayName();
        return credential == null || credential.getSpeciality() == null ? name
                : name + ", " + credential.getSpeciality();
    }

    private AccessRequestSummary summary(PatientAccessRequest r, String doctorName) {
        String patientName = lookup.loginOf(r.getPatientId()).map(UserAccount::getDisplayName)
                .orElse("Patient/" + r.getPatientId());
        return new AccessRequestSummary(r.getId(), r.getPatientId(), patientName, doctorName,
                String.join(", ", r.getCategories()), String.join(", ", r.getPurposes()), r.getReason(),
                TIME.format(r.getRequestedAt()), r.getStatus().name().toLowerCase(),
                r.getAnswer() == null ? "" : r.getAnswer(),
                r.getAnsweredAt() == null ? "" : TIME.format(r.getAnsweredAt()));
    }

    private void audit(String step, String action, UserAccount user, String role, String purpose,
                       List<String> references, Instant at) {
        records.create("AuditEvent", AuditEvents.portalStep(step, action, user.getUsername(), user.getDisplayName(),
                role, purpose, references, at.truncatedTo(ChronoUnit.SECONDS)));
    }
}
