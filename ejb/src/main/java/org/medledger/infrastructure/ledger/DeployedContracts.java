package org.medledger.infrastructure.ledger;

import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Instant;
import java.util.Optional;
import org.medledger.domain.model.ledger.DeployedContract;

/** Remembers the consortium contracts' addresses per chain, so a restart reuses them. */
@Stateless
public class DeployedContracts {

    @PersistenceContext(unitName = "medledger")
    private EntityManager em;

    public Optional<String> address(String contractName, long chainId) {
        return Optional.ofNullable(em.find(DeployedContract.class, contractName))
                .filter(c -> c.getChainId() == chainId)
                .map(DeployedContract::getAddress);
    }

    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public void remember(String contractName, long chainId, String address) {
        DeployedContract existing = em.find(DeployedContract.class, contractName);
        if (existing != null) {
            em.remove(existing);
            em.flush();
        }
        em.persist(new DeployedContract(contractName, chainId, address, Instant.now()));
    }
}
