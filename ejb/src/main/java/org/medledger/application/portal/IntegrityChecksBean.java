package org.medledger.application.portal;

import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import org.medledger.application.IntegritySweepService;
import org.medledger.domain.model.identity.Role;

@Stateless
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class IntegrityChecksBean implements IntegrityChecks {

    @EJB
    private PortalCallers callers;

    @EJB
    private IntegritySweepService sweeps;

    @Override
    public boolean start(String auditorUsername) {
        callers.account(auditorUsername, Role.AUDITOR);
        return sweeps.startSweep("portal:" + auditorUsername);
    }

    @Override
    public IntegrityStatus status(String auditorUsername) {
        callers.account(auditorUsername, Role.AUDITOR);
        return new IntegrityStatus(sweeps.running(), sweeps.latest());
    }
}
