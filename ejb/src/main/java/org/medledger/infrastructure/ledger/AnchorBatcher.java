package org.medledger.infrastructure.ledger;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.ejb.DependsOn;
import jakarta.ejb.EJB;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.Timeout;
import jakarta.ejb.Timer;
import jakarta.ejb.TimerConfig;
import jakarta.ejb.TimerService;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.medledger.domain.model.anchor.AnchorBatch;
import org.medledger.infrastructure.config.MedLedgerSettings;

/**
 * Drains the anchor outbox: every interval it first finishes any unconfirmed batch (resume after a
 * crash or an outage), then builds one new Merkle batch from the oldest pending leaves and sends
 * it. One batch is in flight at a time, so batches land in order and the sender's nonces never
 * collide. The batch id is derived from the leaves and the contract refuses a duplicate, so a
 * resend can never anchor the same leaves twice. Where several nodes share the database, only the
 * holder of the {@link LedgerSenderLease} drains.
 */
@Singleton
@Startup
@DependsOn("SchemaMigrations")
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class AnchorBatcher {

    private static final Logger LOG = Logger.getLogger(AnchorBatcher.class.getName());

    @Resource
    private TimerService timerService;

    @EJB
    private AnchorOutbox outbox;

    @EJB
    private LedgerGateway ledger;

    @EJB
    private LedgerSenderLease senderLease;

    private boolean chainWasDown;

    @PostConstruct
    void schedule() {
        long interval = MedLedgerSettings.anchorInterval().toMillis();
        timerService.createIntervalTimer(interval, interval, new TimerConfig("anchor-batcher", false));
    }

    @Timeout
    void tick(Timer timer) {
        try {
            if (!senderLease.hold()) {
                return; // another node of this hospital sends; its batches are in the shared outbox
            }
            drain();
            if (chainWasDown) {
                LOG.info("Chain is reachable again; anchoring resumed");
                chainWasDown = false;
            }
        } catch (LedgerUnavailableException e) {
            if (!chainWasDown) {
                LOG.warning("Chain unavailable; record versions stay queued for anchoring: " + e.getMessage());
                chainWasDown = true;
            }
        } catch (RuntimeException e) {
            LOG.log(Level.SEVERE, "Anchor batcher failed; it will retry on the next tick", e);
        }
    }

    /** One round of work; also called directly by tests and the portal's "anchor now". */
    public void drain() {
        if (!ledger.isReachable()) {
            throw new LedgerUnavailableException("chain node not reachable at " + MedLedgerSettings.rpcUrl(), null);
        }
        List<AnchorBatch> unfinished = outbox.unfinishedBatches();
        for (AnchorBatch batch : unfinished) {
            if (!finish(batch)) {
                return; // still waiting for the chain; keep order
            }
        }
        Optional<AnchorBatch> next = outbox.prepareBatch(MedLedgerSettings.anchorMaxLeaves());
        next.ifPresent(this::finish);
    }

    /** Drives one batch towards CONFIRMED; true when it got there. */
    private boolean finish(AnchorBatch batch) {
        byte[] batchId = HexFormat.of().parseHex(batch.getBatchId().substring(2));
        if (batch.getState() == AnchorBatch.State.SENT && batch.getTxHash() != null) {
            Optional<AnchorReceipt> receipt = awaitReceipt(batch.getTxHash());
            if (receipt.isPresent() && receipt.get().succeeded()) {
                outbox.markConfirmed(batch.getBatchId(), receipt.get());
                return true;
            }
            if (receipt.isEmpty() && ledger.isKnownTransaction(batch.getTxHash())) {
                return false; // in the node's pool: wait for it
            }
        }
        // PREPARED, reverted or dropped: the chain decides whether this batch is already anchored.
        Optional<AnchorReceipt> onChain = ledger.findAnchoredBatch(batchId);
        if (onChain.isPresent()) {
            outbox.markConfirmed(batch.getBatchId(), onChain.get());
            return true;
        }
        String txHash = ledger.sendAnchor(batch.getMerkleRoot(), batch.getLeafCount(), batchId);
        outbox.markSent(batch.getBatchId(), txHash);
        Optional<AnchorReceipt> receipt = awaitReceipt(txHash);
        if (receipt.isPresent() && receipt.get().succeeded()) {
            outbox.markConfirmed(batch.getBatchId(), receipt.get());
            LOG.info(() -> "Anchored batch of " + batch.getLeafCount() + " record versions in block "
                    + receipt.get().blockNumber());
            return true;
        }
        return false;
    }

    /** Polls for a receipt for up to one interval, so a fast chain confirms within the same tick. */
    private Optional<AnchorReceipt> awaitReceipt(String txHash) {
        long deadline = System.nanoTime() + MedLedgerSettings.anchorInterval().toNanos();
        while (true) {
            Optional<AnchorReceipt> receipt = ledger.receipt(txHash);
            if (receipt.isPresent() || System.nanoTime() > deadline) {
                return receipt;
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return Optional.empty();
            }
        }
    }
}
