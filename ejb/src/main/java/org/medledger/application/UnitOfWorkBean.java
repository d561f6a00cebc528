package org.medledger.application;

import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.jboss.ejb3.annotation.TransactionTimeout;

@Stateless
public class UnitOfWorkBean implements UnitOfWork {

    @PersistenceContext(unitName = "medledger")
    private EntityManager em;

    /**
     * A transaction bundle may carry a whole exported history (10,000 entries, 30 MB): it gets half an hour where
     * the server's default for every other transaction is five minutes.
     */
    @Override
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    @TransactionTimeout(value = 30, unit = TimeUnit.MINUTES)
    public <T> T inOneTransaction(Supplier<T> work) {
        try {
            return work.get();
        } catch (RuntimeException e) {
            throw new WorkRolledBackException(e);
        }
    }

    @Override
    @TransactionAttribute(TransactionAttributeType.MANDATORY)
    public void checkpoint() {
        em.flush();
        em.clear();
    }
}
