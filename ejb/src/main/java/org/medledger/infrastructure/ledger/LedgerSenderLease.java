package org.medledger.infrastructure.ledger;

import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.Optional;
import org.medledger.infrastructure.config.MedLedgerSettings;

/**
 * Elects, among the application nodes that share one database, the one that sends the hospital's chain
 * transactions. The holder renews the lease on every round of work; another node takes it only once it has
 * lapsed, so after a crash sending resumes elsewhere within one lease period. One sender keeps the signing
 * account's nonces in one place and batches in order; a batch or consent change a crashed holder had sent is
 * finished by the next holder from its stored transaction hash, and the contracts refuse duplicates.
 */
@Stateless
public class LedgerSenderLease {

    @PersistenceContext(unitName = "medledger")
    private EntityManager em;

    /** Takes or renews the lease for this node; true when this node may send now. */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public boolean hold() {
        long now = System.currentTimeMillis();
        String node = MedLedgerSettings.nodeId();
        int updated = em.createNativeQuery("UPDATE ledger_sender_lease SET holder = ?1, expires_at_ms = ?2 "
                        + "WHERE id = 1 AND (holder = ?1 OR holder IS NULL OR expires_at_ms < ?3)")
                .setParameter(1, node)
                .setParameter(2, now + MedLedgerSettings.senderLeaseTtl().toMillis())
                .setParameter(3, now)
                .executeUpdate();
        return updated == 1;
    }

    /** The node that holds the lease now; empty when it has lapsed. */
    @TransactionAttribute(TransactionAttributeType.SUPPORTS)
    public Optional<String> holder() {
        Object[] row = (Object[]) em.createNativeQuery("SELECT holder, expires_at_ms FROM ledger_sender_lease WHERE id = 1")
                .getSingleResult();
        long expires = ((Number) row[1]).longValue();
        return row[0] == null || expires < System.currentTimeMillis() ? Optional.empty() : Optional.of((String) row[0]);
    }
}
