package org.medledger.application.consent;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.DependsOn;
import jakarta.ejb.EJB;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.Timeout;
import jakarta.ejb.TimerConfig;
import jakarta.ejb.TimerService;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Logger;
import org.medledger.domain.model.consent.ConsentChange;
import org.medledger.infrastructure.config.MedLedgerSettings;
import org.medledger.infrastructure.ledger.ConsentReceipt;
import org.medledger.infrastructure.ledger.LedgerGateway;
import org.medledger.infrastructure.ledger.LedgerSenderLease;
import org.medledger.infrastructure.ledger.LedgerUnavailableException;

/**
 * Sends recorded consent changes to {@code ConsentRegistry} in the order they were made, one at a time: a
 * revocation waits until its grant is mined and has an on-chain id. The transaction hash is stored before waiting
 * for the receipt, so after a crash a sent change is looked up, not sent twice; a transaction the node has
 * forgotten is sent again. While the chain is down, changes wait and writes keep succeeding.
 */
@Singleton
@Startup
@DependsOn("SchemaMigrations")
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class ConsentPublisher {

    private static final Logger LOG = Logger.getLogger(ConsentPublisher.class.getName());
    private static final HexFormat HEX = HexFormat.of();

    @Resource
    private TimerService timers;

    @EJB
    private ConsentChanges changes;

    @EJB
    private LedgerGateway ledger;

    @EJB
    private LedgerSenderLease senderLease;

    private final AtomicBoolean running = new AtomicBoolean();

    @PostConstruct
    void schedule() {
        long period = MedLedgerSettings.longValue("medledger.consent.poll-interval-ms", 1000);
        timers.createIntervalTimer(period, period, new TimerConfig("consent-publisher", false));
    }

    @Timeout
    void tick() {
        if (!running.compareAndSet(false, true)) {
            return;
        }
        try {
            if (senderLease.hold()) {
                publishPending();
            }
        } catch (LedgerUnavailableException e) {
            LOG.info(() -> "Consent changes wait for the chain: " + e.getMessage());
        } finally {
            running.set(false);
        }
    }

    /** Works through unfinished changes in order; stops at the first that must wait for the chain. */
    void publishPending() {
        for (ConsentChange change : changes.unfinished(100)) {
            if (!advance(change)) {
                return;
            }
        }
    }

    /** Moves one change forward; false when it must wait (so later changes wait too). */
    private boolean advance(ConsentChange change) {
        if (change.getState() == ConsentChange.State.SENT) {
            Optional<ConsentReceipt> receipt = ledger.consentReceipt(change.getTxHash());
            if (receipt.isEmpty()) {
                if (!ledger.isKnownTransaction(change.getTxHash())) {
                    changes.resend(change.getId());
                }
                return false;
            }
            if (!receipt.get().succeeded()) {
                changes.failed(change.getId(), "ConsentRegistry refused the transaction " + change.getTxHash());
                LOG.warning(() -> "Consent change " + change.getId() + " was refused on chain");
                return true;
            }
            changes.confirmed(change.getId(), receipt.get().block(),
                    receipt.get().grantedConsentId() >= 0 ? receipt.get().grantedConsentId() : null);
            return true;
        }
        if (change.getAction() == ConsentChange.Action.EMERGENCY) {
            byte[] reason = java.util.Arrays.copyOf(change.getReasonCode().getBytes(StandardCharsets.US_ASCII), 32);
            changes.sent(change.getId(), ledger.sendEmergencyAccess(HEX.parseHex(change.getPatientPseudonym()),
                    HEX.parseHex(change.getGrantee()), reason));
            return true;
        }
        if (change.getAction() == ConsentChange.Action.GRANT) {
            changes.sent(change.getId(), ledger.sendConsentGrant(HEX.parseHex(change.getPatientPseudonym()),
                    HEX.parseHex(change.getGrantee()), change.getScopes(), change.getPurposes(),
                    change.getValidFrom(), change.getValidUntil()));
            return true;
        }
        Optional<ConsentChange> grant = changes.grantRevokedBy(change);
        if (grant.isEmpty() || grant.get().getState() == ConsentChange.State.FAILED) {
            changes.failed(change.getId(), "The grant this revocation ends never reached the chain");
            return true;
        }
        if (grant.get().getOnchainConsentId() == null) {
            return false;
        }
        changes.sent(change.getId(), ledger.sendConsentRevoke(grant.get().getOnchainConsentId()));
        return true;
    }
}
