package org.medledger.application;

import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import java.time.LocalDate;
import java.time.ZoneOffset;
import org.medledger.application.portal.PortalDirectory;
import org.medledger.domain.model.identity.Role;
import org.medledger.domain.model.record.RecordVersionRepository;
import org.medledger.infrastructure.config.MedLedgerSettings;
import org.medledger.infrastructure.ledger.AnchorOutbox;
import org.medledger.infrastructure.ledger.LedgerGateway;
import org.medledger.infrastructure.ledger.LedgerUnavailableException;

@Stateless
@TransactionAttribute(TransactionAttributeType.SUPPORTS)
public class DashboardServiceBean implements DashboardService {

    @Inject
    private RecordVersionRepository versions;

    @EJB
    private AnchorOutbox outbox;

    @EJB
    private LedgerGateway ledger;

    @EJB
    private PortalDirectory directory;

    @EJB
    private IntegritySweepService sweeps;

    @Override
    public DashboardSnapshot snapshot() {
        Long height;
        try {
            height = ledger.blockHeight();
        } catch (LedgerUnavailableException e) {
            height = null;
        }
        return new DashboardSnapshot(MedLedgerSettings.hospitalName(), versions.countLive("Patient"),
                versions.countLive("Practitioner"), height, MedLedgerSettings.rpcUrl(), ledger.contractAddresses(),
                outbox.backlog(), outbox.oldestWaiting().orElse(null), directory.activeClinicians(Role.DOCTOR),
                directory.activeClinicians(Role.NURSE),
                versions.countSince(LocalDate.now(ZoneOffset.UTC).atStartOfDay(ZoneOffset.UTC).toInstant()),
                sweeps.latest(), sweeps.running());
    }
}
