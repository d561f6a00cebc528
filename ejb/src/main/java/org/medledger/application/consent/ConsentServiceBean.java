package org.medledger.application.consent;

import jakarta.annotation.Resource;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.TransactionSynchronizationRegistry;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;
import org.medledger.application.AuditEvents;
import org.medledger.application.InvalidRecordException;
import org.medledger.application.RecordService;
import org.medledger.application.notification.Notifications;
import org.medledger.domain.model.consent.AccessDecision;
import org.medledger.domain.model.consent.AccessRequest;
import org.medledger.domain.model.consent.Accessor;
import org.medledger.domain.model.consent.ConsentChange;
import org.medledger.domain.model.consent.EmergencyAccess;
import org.medledger.domain.model.consent.MemberId;
import org.medledger.domain.model.consent.PurposeOfUse;
import org.medledger.domain.model.consent.ResourceCategory;
import org.medledger.infrastructure.ledger.LedgerGateway;

@Stateless
@TransactionAttribute(TransactionAttributeType.SUPPORTS)
public class ConsentServiceBean implements ConsentService {

    private static final Pattern REASON = Pattern.compile("[A-Za-z0-9-]{1,31}");

    @PersistenceContext(unitName = "medledger")
    private EntityManager em;

    @Resource
    private TransactionSynchronizationRegistry transaction;

    @EJB
    private RecordService records;

    @Inject
    private SharedPatientIdentity patientIdentity;

    @EJB
    private ConsentLedgerFollower follower;

    @EJB
    private ConsentChanges changes;

    @EJB
    private LedgerGateway ledger;

    @EJB
    private Notifications notifications;

    @Override
    public AccessDecision decide(String patientId, Accessor accessor, ResourceCategory category,
                                 PurposeOfUse purpose) {
        return follower.decide(new AccessRequest(accessor, patientIdentity.pseudonymOf(patientId), custodian(),
                category, purpose, Instant.now().getEpochSecond()));
    }

    @Override
    public AccessDecision decideForRecord(String patientId, Accessor accessor, ResourceCategory category,
                                          PurposeOfUse purpose) {
        if (patientId == null) {
            return AccessDecision.permit("not-patient-data");
        }
        // A patient without the shared identifier cannot be named by any consent: only local rules can allow.
        String patient = patientIdentity.pseudonymIfShared(patientId).orElse("local:" + patientId);
        return follower.decide(new AccessRequest(accessor, patient, custodian(), category, purpose,
                Instant.now().getEpochSecond()));
    }

    @Override
    @TransactionAttribute(TransactionAttributeType.REQUIRED)
    public String declareEmergency(String patientId, Accessor accessor, String reasonCode, String accessorDisplay) {
        if (reasonCode == null || !REASON.matcher(reasonCode).matches()) {
            throw new InvalidRecordException("A break-glass reason is a short code: letters, digits and '-', "
                    + "at most 31");
        }
        Instant now = Instant.now();
        // Without a shared identifier no other member can name the patient: the declaration then holds here only.
        String patient = patientIdentity.pseudonymIfShared(patientId).orElse("local:" + patientId);
        if (!patient.startsWith("local:")) {
            em.persist(ConsentChange.emergency("emergency:" + UUID.randomUUID(), patient, accessor.emergencyId(),
                    reasonCode, now));
        }
        String auditEventId = records.create("AuditEvent", AuditEvents.emergencyAccess("Patient/" + patientId,
                accessorDisplay, reasonCode, now)).id();
        EmergencyAccess declared = new EmergencyAccess(patient, accessor.emergencyId(), reasonCode, custodian(),
                now.getEpochSecond());
        AfterCommit.run(transaction, () -> follower.view().apply(declared));
        notifications.emergencyDeclared(patientId, accessorDisplay,
                now.plusSeconds(ConsentLedgerFollower.breakGlassSeconds()), auditEventId);
        return auditEventId;
    }

    @Override
    public Optional<Instant> emergencyUntil(String patientId, Accessor accessor) {
        String patient = patientIdentity.pseudonymIfShared(patientId).orElse("local:" + patientId);
        var endsAt = follower.emergencyEndsAt(patient, accessor, Instant.now().getEpochSecond());
        return endsAt.isPresent() ? Optional.of(Instant.ofEpochSecond(endsAt.getAsLong())) : Optional.empty();
    }

    @Override
    public String custodian() {
        return MemberId.ofAddress(ledger.localAccountAddress());
    }

    @Override
    public List<ConsentChange> changesOf(String consentId) {
        return changes.ofConsent(consentId);
    }

    @Override
    public String registryAddress() {
        return ledger.contractAddresses().getOrDefault(LedgerGateway.CONSENT_REGISTRY, "");
    }

    @Override
    public long followedBlock() {
        return follower.followedBlock();
    }
}
