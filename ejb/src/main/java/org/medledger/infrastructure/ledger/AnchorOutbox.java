package org.medledger.infrastructure.ledger;

import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.medledger.domain.model.anchor.AnchorBatch;
import org.medledger.domain.model.anchor.AnchorLeaf;
import org.medledger.infrastructure.config.MedLedgerSettings;
import org.medledger.infrastructure.ledger.merkle.BatchId;
import org.medledger.infrastructure.ledger.merkle.MerkleTree;

/**
 * The transactional side of anchoring: queues leaves with their record version, turns pending
 * leaves into a Merkle batch, and records what the chain said. Each method is one transaction,
 * so a crash leaves the outbox in a state the batcher can resume from.
 */
@Stateless
public class AnchorOutbox {

    @PersistenceContext(unitName = "medledger")
    private EntityManager em;

    /** Joins the caller's transaction: the leaf commits with its record version or not at all. */
    @TransactionAttribute(TransactionAttributeType.MANDATORY)
    public void enqueue(Long recordVersionId, byte[] leafHash) {
        if (LEDGER_DISABLED_FOR_BENCHMARK) {
            return;
        }
        em.persist(new AnchorLeaf(recordVersionId, leafHash, Instant.now()));
    }

    /** Benchmark-only: measure writes without the ledger (see MedLedgerSettings.benchSwitch). */
    private static final boolean LEDGER_DISABLED_FOR_BENCHMARK = MedLedgerSettings.benchSwitch("disable-ledger");

    /** Batches not yet confirmed, oldest first: they are finished before anything new is sent. */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public List<AnchorBatch> unfinishedBatches() {
        return em.createQuery("SELECT b FROM AnchorBatch b WHERE b.state <> :confirmed ORDER BY b.createdAt",
                        AnchorBatch.class)
                .setParameter("confirmed", AnchorBatch.State.CONFIRMED)
                .getResultList();
    }

    /** Builds the next batch from the oldest pending leaves, storing every leaf's proof. */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public Optional<AnchorBatch> prepareBatch(int maxLeaves) {
        List<AnchorLeaf> leaves = em.createQuery(
                        "SELECT l FROM AnchorLeaf l WHERE l.state = :pending ORDER BY l.id", AnchorLeaf.class)
                .setParameter("pending", AnchorLeaf.State.PENDING)
                .setLockMode(LockModeType.PESSIMISTIC_WRITE)
                .setMaxResults(maxLeaves)
                .getResultList();
        if (leaves.isEmpty()) {
            return Optional.empty();
        }
        List<byte[]> hashes = new ArrayList<>(leaves.size());
        for (AnchorLeaf leaf : leaves) {
            hashes.add(leaf.getLeafHash());
        }
        MerkleTree tree = MerkleTree.build(hashes);
        String batchId = hex(BatchId.of(hashes));
        AnchorBatch batch = new AnchorBatch(batchId, tree.root(), leaves.size(), Instant.now());
        em.persist(batch);
        for (int i = 0; i < leaves.size(); i++) {
            leaves.get(i).assignTo(batchId, i, concat(tree.proof(i)));
        }
        return Optional.of(batch);
    }

    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public void markSent(String batchId, String txHash) {
        em.find(AnchorBatch.class, batchId).sent(txHash);
    }

    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public void markConfirmed(String batchId, AnchorReceipt receipt) {
        AnchorBatch batch = em.find(AnchorBatch.class, batchId);
        batch.confirmed(receipt.txHash(), receipt.blockNumber(), receipt.gasUsed(), Instant.now());
        em.createQuery("UPDATE AnchorLeaf l SET l.state = :anchored WHERE l.batchId = :batch")
                .setParameter("anchored", AnchorLeaf.State.ANCHORED)
                .setParameter("batch", batchId)
                .executeUpdate();
    }

    /** Leaves not yet confirmed on chain (pending or in an unconfirmed batch). */
    @TransactionAttribute(TransactionAttributeType.SUPPORTS)
    public long backlog() {
        return em.createQuery("SELECT COUNT(l) FROM AnchorLeaf l WHERE l.state <> :anchored", Long.class)
                .setParameter("anchored", AnchorLeaf.State.ANCHORED)
                .getSingleResult();
    }

    /** When the oldest leaf still waiting for the chain was written; empty when nothing waits. */
    @TransactionAttribute(TransactionAttributeType.SUPPORTS)
    public Optional<Instant> oldestWaiting() {
        return Optional.ofNullable(em.createQuery(
                        "SELECT MIN(l.createdAt) FROM AnchorLeaf l WHERE l.state <> :anchored", Instant.class)
                .setParameter("anchored", AnchorLeaf.State.ANCHORED)
                .getSingleResult());
    }

    @TransactionAttribute(TransactionAttributeType.SUPPORTS)
    public Optional<AnchorLeaf> leafOf(Long recordVersionId) {
        return em.createQuery("SELECT l FROM AnchorLeaf l WHERE l.recordVersionId = :id", AnchorLeaf.class)
                .setParameter("id", recordVersionId)
                .getResultStream().findFirst();
    }

    /** The newest batches, newest first, whatever their state. */
    @TransactionAttribute(TransactionAttributeType.SUPPORTS)
    public List<AnchorBatch> recentBatches(int limit) {
        return em.createQuery("SELECT b FROM AnchorBatch b ORDER BY b.createdAt DESC", AnchorBatch.class)
                .setMaxResults(limit).getResultList();
    }

    @TransactionAttribute(TransactionAttributeType.SUPPORTS)
    public Optional<AnchorBatch> batch(String batchId) {
        return Optional.ofNullable(em.find(AnchorBatch.class, batchId));
    }

    static String hex(byte[] bytes) {
        return "0x" + HexFormat.of().formatHex(bytes);
    }

    private static byte[] concat(List<byte[]> proof) {
        byte[] out = new byte[proof.size() * 32];
        for (int i = 0; i < proof.size(); i++) {
            System.arraycopy(proof.get(i), 0, out, i * 32, 32);
        }
        return out;
    }
}
