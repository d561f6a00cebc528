package org.medledger.application;

import jakarta.ejb.Asynchronous;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.medledger.domain.model.identity.SecondFactor;
import org.medledger.domain.model.record.RecordVersionRepository;

/** The background half of key rotation: re-wraps data keys in small transactions, payloads untouched. */
@Stateless
public class KeyRewrapper {

    private static final Logger LOG = Logger.getLogger(KeyRewrapper.class.getName());

    @Inject
    private RecordVersionRepository versions;

    @Inject
    private RecordSealer sealer;

    @Inject
    private SecondFactorSecrets secondFactorSecrets;

    @PersistenceContext(unitName = "medledger")
    private EntityManager em;

    @EJB
    private KeyRewrapper self;

    @Asynchronous
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    public void rewrapAll(String currentVersion, KeyRotationServiceBean progress) {
        try {
            long after = 0;
            while (true) {
                List<Long> ids = self.rewrapBatch(currentVersion, after);
                if (ids.isEmpty()) {
                    break;
                }
                after = ids.get(ids.size() - 1);
                progress.progress(ids.size());
            }
            self.rewrapSecondFactors(currentVersion);
            progress.finished(currentVersion);
        } catch (RuntimeException e) {
            LOG.log(Level.SEVERE, "Re-wrapping data keys failed; the rotation can be run again", e);
            progress.failed();
        }
    }

    /** One transaction: re-wraps the next batch of data keys, returning the ids it handled. */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public List<Long> rewrapBatch(String currentVersion, long afterId) {
        List<Long> ids = versions.wrappedUnderOtherThan(currentVersion, afterId, KeyRotationServiceBean.batchSize());
        for (Long id : ids) {
            versions.byId(id).ifPresent(sealer::rewrapToCurrent);
        }
        return ids;
    }

    /** One transaction: re-wraps the data keys of the staff's second-factor secrets (one small row per login). */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public void rewrapSecondFactors(String currentVersion) {
        em.createQuery("SELECT f FROM SecondFactor f WHERE f.kekVersion <> :current", SecondFactor.class)
                .setParameter("current", currentVersion).getResultList()
                .forEach(secondFactorSecrets::rewrapToCurrent);
    }

    /** How many second-factor secrets are still wrapped under a KEK version (it may be retired at zero only). */
    public long secondFactorsWrappedUnder(String version) {
        return em.createQuery("SELECT COUNT(f) FROM SecondFactor f WHERE f.kekVersion = :version", Long.class)
                .setParameter("version", version).getSingleResult();
    }
}
