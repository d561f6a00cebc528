package org.medledger.application;

import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.function.Supplier;

@Stateless
public class UnitOfWorkBean implements UnitOfWork {

    @PersistenceContext(unitName = "medledger")
    private EntityManager em;

    @Override
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
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
