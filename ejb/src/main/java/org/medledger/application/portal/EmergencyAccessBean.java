package org.medledger.application.portal;

import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Instant;
import java.util.List;
import org.medledger.application.InvalidRecordException;
import org.medledger.application.RecordNotFoundException;
import org.medledger.application.RecordService;
import org.medledger.application.consent.ConsentLedgerFollower;
import org.medledger.application.consent.ConsentService;
import org.medledger.domain.model.consent.EmergencyDeclaration;
import org.medledger.domain.model.consent.PurposeOfUse;
import org.medledger.domain.model.identity.PractitionerCredential;
import org.medledger.domain.model.identity.Role;

@Stateless
public class EmergencyAccessBean implements EmergencyAccess {

    private static final List<EmergencyReason> REASONS = List.of(
            new EmergencyReason("unconscious", "Patient unconscious or unable to consent"),
            new EmergencyReason("life-threatening", "Life-threatening condition"),
            new EmergencyReason("urgent-treatment", "Urgent treatment that cannot wait for consent"),
            new EmergencyReason("patient-unreachable", "Consent cannot be obtained in time"));

    @PersistenceContext(unitName = "medledger")
    private EntityManager em;

    @EJB
    private RecordService records;

    @EJB
    private PortalCallers callers;

    @EJB
    private PatientLookup lookup;

    @EJB
    private ConsentService consents;

    @Override
    public List<EmergencyReason> reasons() {
        return REASONS;
    }

    @Override
    public PatientMatch find(String doctorUsername, String query) {
        return lookup.find(doctorUsername, query, PurposeOfUse.ETREAT.name());
    }

    @Override
    public Instant declare(String doctorUsername, String patientId, String reasonCode, String details) {
        PractitionerCredential credential = callers.verifiedDoctor(doctorUsername);
        if (patientId == null || !patientId.matches("[A-Za-z0-9\\-.]{1,64}")
                || records.read("Patient", patientId).filter(p -> !p.deleted()).isEmpty()) {
            throw new RecordNotFoundException("Patient");
        }
        if (reasonCode == null || REASONS.stream().noneMatch(r -> r.code().equals(reasonCode))) {
            throw new InvalidRecordException("Choose the reason for the emergency");
        }
        String text = details == null ? "" : details.strip();
        if (text.isEmpty()) {
            throw new InvalidRecordException("Enter the details of the emergency");
        }
        if (text.length() > 1000) {
            throw new InvalidRecordException("The details of the emergency are longer than 1000 characters");
        }
        Instant now = Instant.now();
        String auditEventId = consents.declareEmergency(patientId, callers.clinician(credential, patientId), reasonCode,
                callers.account(doctorUsername, Role.DOCTOR).getDisplayName());
        em.persist(new EmergencyDeclaration(auditEventId, patientId, doctorUsername, reasonCode, text, now));
        return now.plusSeconds(ConsentLedgerFollower.breakGlassSeconds());
    }
}
