package org.medledger.application.consent;

import com.fasterxml.jackson.databind.JsonNode;
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
import java.util.Optional;
import org.medledger.application.InvalidRecordException;
import org.medledger.application.RecordNotFoundException;
import org.medledger.domain.model.consent.ConsentChange;

/**
 * Turns each stored Consent version into what must change on chain, in the transaction that stores the version:
 * an active consent becomes a grant, an ended or deleted one the revocation of its grant, a changed one both.
 * A revocation takes effect here as soon as the transaction commits, before any block is mined.
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.MANDATORY)
public class ConsentChangeRecorder {

    @PersistenceContext(unitName = "medledger")
    private EntityManager em;

    @Inject
    private SharedPatientIdentity patientIdentity;

    @EJB
    private ConsentLedgerFollower follower;

    @Resource
    private TransactionSynchronizationRegistry transaction;

    public void record(String consentId, int version, JsonNode consent, boolean deleted, Instant at) {
        Optional<ConsentChange> inForce = grantInForce(consentId);
        if (deleted) {
            inForce.ifPresent(grant -> revoke(grant, version, at));
            return;
        }
        ConsentTerms terms = ConsentTerms.of(consent, at);
        if (terms.active()) {
            if (inForce.isPresent() && terms.sameGrantAs(inForce.get().getGrantee(), inForce.get().getScopes(),
                    inForce.get().getPurposes(), inForce.get().getValidFrom(), inForce.get().getValidUntil())) {
                return;
            }
            String patient = patientPseudonym(terms.patientId());
            inForce.ifPresent(grant -> revoke(grant, version, at));
            em.persist(new ConsentChange(consentId, version, ConsentChange.Action.GRANT, patient, terms.grantee(),
                    terms.scopes(), terms.purposes(), terms.validFrom(), terms.validUntil(), at));
        } else if (terms.ended()) {
            inForce.ifPresent(grant -> revoke(grant, version, at));
        }
    }

    /** The newest grant of this Consent not yet followed by a revocation. */
    private Optional<ConsentChange> grantInForce(String consentId) {
        return em.createQuery("SELECT c FROM ConsentChange c WHERE c.consentId = :id ORDER BY c.id DESC",
                        ConsentChange.class)
                .setParameter("id", consentId).setMaxResults(1).getResultStream()
                .filter(c -> c.getAction() == ConsentChange.Action.GRANT && c.getState() != ConsentChange.State.FAILED)
                .findFirst();
    }

    private void revoke(ConsentChange grant, int version, Instant at) {
        ConsentChange revocation = grant.revocation(version, at);
        em.persist(revocation);
        Long onchainId = grant.getOnchainConsentId();
        if (onchainId != null) {
            AfterCommit.run(transaction, () -> follower.revokeLocally(onchainId));
        }
    }

    private String patientPseudonym(String patientId) {
        try {
            return patientIdentity.pseudonymOf(patientId);
        } catch (RecordNotFoundException e) {
            throw new InvalidRecordException("Consent.patient: no such Patient is held here");
        }
    }
}
