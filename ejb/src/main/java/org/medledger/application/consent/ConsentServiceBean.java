package org.medledger.application.consent;

import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.List;
import org.medledger.domain.model.consent.AccessDecision;
import org.medledger.domain.model.consent.AccessRequest;
import org.medledger.domain.model.consent.Accessor;
import org.medledger.domain.model.consent.ConsentChange;
import org.medledger.domain.model.consent.MemberId;
import org.medledger.domain.model.consent.PurposeOfUse;
import org.medledger.domain.model.consent.ResourceCategory;
import org.medledger.infrastructure.ledger.LedgerGateway;

@Stateless
@TransactionAttribute(TransactionAttributeType.SUPPORTS)
public class ConsentServiceBean implements ConsentService {

    @Inject
    private SharedPatientIdentity patientIdentity;

    @EJB
    private ConsentLedgerFollower follower;

    @EJB
    private ConsentChanges changes;

    @EJB
    private LedgerGateway ledger;

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
