package org.medledger.domain.model.anchor;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/**
 * One Merkle batch of leaves and the life of its {@code anchor} transaction:
 * PREPARED (tree built, nothing sent) → SENT (tx hash known) → CONFIRMED (mined).
 * The batch id is derived from the leaves, so a resend after a crash is recognised on chain.
 */
@Entity
@Table(name = "anchor_batch")
public class AnchorBatch {

    public enum State { PREPARED, SENT, CONFIRMED }

    @Id
    @Column(name = "batch_id", length = 66)
    private String batchId;

    @Column(name = "merkle_root", nullable = false, length = 32)
    private byte[] merkleRoot;

    @Column(name = "leaf_count", nullable = false)
    private int leafCount;

    @Enumerated(EnumType.STRING)
    @Column(name = "state", nullable = false, length = 16)
    private State state;

    @Column(name = "tx_hash", length = 66)
    private String txHash;

    @Column(name = "block_number")
    private Long blockNumber;

    @Column(name = "gas_used")
    private Long gasUsed;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    @Column(name = "confirmed_at")
    private Instant confirmedAt;

    protected AnchorBatch() {
    }

    public AnchorBatch(String batchId, byte[] merkleRoot, int leafCount, Instant createdAt) {
        this.batchId = batchId;
        this.merkleRoot = merkleRoot.clone();
        this.leafCount = leafCount;
        this.createdAt = createdAt;
        this.state = State.PREPARED;
    }

    public void sent(String txHash) {
        this.txHash = txHash;
        this.state = State.SENT;
    }

    public void confirmed(String txHash, long blockNumber, Long gasUsed, Instant at) {
        this.txHash = txHash;
        this.blockNumber = blockNumber;
        this.gasUsed = gasUsed;
        this.confirmedAt = at;
        this.state = State.CONFIRMED;
    }

    public String getBatchId() {
        return batchId;
    }

    public byte[] getMerkleRoot() {
        return merkleRoot.clone();
    }

    public int getLeafCount() {
        return leafCount;
    }

    public State getState() {
        return state;
    }

    public String getTxHash() {
        return txHash;
    }

    public Long getBlockNumber() {
        return blockNumber;
    }

    public Long getGasUsed() {
        return gasUsed;
    }

    public Instant getCreatedAt() {
        return createdAt;
    }

    public Instant getConfirmedAt() {
        return confirmedAt;
    }
}
