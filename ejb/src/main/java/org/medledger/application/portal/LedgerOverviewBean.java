package org.medledger.application.portal;

import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.medledger.domain.model.identity.Role;
import org.medledger.infrastructure.config.MedLedgerSettings;
import org.medledger.infrastructure.ledger.AnchorOutbox;
import org.medledger.infrastructure.ledger.ChainNodeStatus;
import org.medledger.infrastructure.ledger.LedgerGateway;
import org.medledger.infrastructure.ledger.LedgerUnavailableException;

@Stateless
@TransactionAttribute(TransactionAttributeType.SUPPORTS)
public class LedgerOverviewBean implements LedgerOverview {

    @EJB
    private PortalCallers callers;

    @EJB
    private LedgerGateway ledger;

    @EJB
    private AnchorOutbox outbox;

    @Override
    public LedgerStatus status(String staffUsername) {
        callers.account(staffUsername, Role.OPERATOR, Role.AUDITOR);
        Instant now = Instant.now();
        ChainNodeStatus node = null;
        String unreachable = null;
        try {
            node = ledger.nodeStatus();
        } catch (LedgerUnavailableException e) {
            unreachable = e.getMessage();
        }
        List<LedgerStatus.ContractAddress> contracts = ledger.contractAddresses().entrySet().stream()
                .map(e -> new LedgerStatus.ContractAddress(e.getKey(), e.getValue())).toList();
        List<LedgerStatus.AnchorTransaction> anchors = outbox.recentBatches(RECENT_ANCHORS).stream()
                .map(b -> new LedgerStatus.AnchorTransaction(b.getBatchId(), b.getState().name(), b.getLeafCount(),
                        b.getTxHash(), b.getBlockNumber(), b.getGasUsed(), b.getCreatedAt(), b.getConfirmedAt()))
                .toList();
        Instant oldest = outbox.oldestWaiting().orElse(null);
        Long oldestAge = oldest == null ? null : Duration.between(oldest, now).toSeconds();
        if (node == null) {
            return new LedgerStatus(false, unreachable, MedLedgerSettings.rpcUrl(), null, null, null, null, null, null,
                    null, false, null, null, contracts, anchors, outbox.backlog(), oldest, oldestAge);
        }
        return new LedgerStatus(true, null, MedLedgerSettings.rpcUrl(), node.clientVersion(), node.chainId(),
                node.blockHeight(), node.latestBlockAt(), Math.max(0, Duration.between(node.latestBlockAt(), now)
                .toSeconds()), node.peerCount(), node.peers(), node.isBesu(), node.validators(), node.consensus(),
                contracts, anchors, outbox.backlog(), oldest, oldestAge);
    }
}
