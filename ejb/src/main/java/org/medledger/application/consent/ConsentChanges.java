package org.medledger.application.consent;

import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.List;
import java.util.Optional;
import org.medledger.domain.model.consent.ConsentChange;

/** The consent changes table as the publisher works through it: each step in a transaction of its own. */
@Stateless
@TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
public class ConsentChanges {

    @PersistenceContext(unitName = "medledger")
    private EntityManager em;

    /** Changes not yet confirmed or failed, oldest first. */
    public List<ConsentChange> unfinished(int limit) {
        return em.createQuery("SELECT c FROM ConsentChange c WHERE c.state IN :states ORDER BY c.id",
                        ConsentChange.class)
                .setParameter("states", List.of(ConsentChange.State.PENDING, ConsentChange.State.SENT))
                .setMaxResults(limit).getResultList();
    }

    /**
     * On-chain ids of grants whose revocation is recorded here but not yet confirmed on chain: every node sharing
     * this database enforces them at once, not only the node that took the revocation.
     */
    public List<Long> revokedAwaitingChain() {
        return em.createQuery("SELECT DISTINCT g.onchainConsentId FROM ConsentChange r, ConsentChange g "
                        + "WHERE r.action = :revoke AND r.state IN :states AND g.consentId = r.consentId "
                        + "AND g.action = :grant AND g.id < r.id AND g.onchainConsentId IS NOT NULL", Long.class)
                .setParameter("revoke", ConsentChange.Action.REVOKE)
                .setParameter("grant", ConsentChange.Action.GRANT)
                .setParameter("states", List.of(ConsentChange.State.PENDING, ConsentChange.State.SENT))
                .getResultList();
    }

    /** The grant a revocation revokes: the newest grant of the same Consent recorded before it. */
    public Optional<ConsentChange> grantRevokedBy(ConsentChange revocation) {
        return em.createQuery("SELECT c FROM ConsentChange c WHERE c.consentId = :consent AND c.id < :id "
                        + "AND c.action = :grant ORDER BY c.id DESC", ConsentChange.class)
                .setParameter("consent", revocation.getConsentId()).setParameter("id", revocation.getId())
                .setParameter("grant", ConsentChange.Action.GRANT).setMaxResults(1).getResultStream().findFirst();
    }

    /** Every change of one Consent, oldest first. */
    public List<ConsentChange> ofConsent(String consentId) {
        return em.createQuery("SELECT c FROM ConsentChange c WHERE c.consentId = :consent ORDER BY c.id",
                ConsentChange.class).setParameter("consent", consentId).getResultList();
    }

    public void sent(long changeId, String txHash) {
        em.find(ConsentChange.class, changeId).sent(txHash);
    }

    public void confirmed(long changeId, long block, Long onchainConsentId) {
        em.find(ConsentChange.class, changeId).confirmed(block, onchainConsentId);
    }

    public void failed(long changeId, String reason) {
        em.find(ConsentChange.class, changeId).failed(reason);
    }

    public void resend(long changeId) {
        em.find(ConsentChange.class, changeId).resend();
    }
}
