package org.medledger.domain.model.anchor;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/**
 * The outbox row of one record version: written in the same transaction as the version,
 * later assigned to a batch, and finally holding its Merkle proof against the anchored root.
 */
@Entity
@Table(name = "anchor_leaf")
public class AnchorLeaf {

    public enum State { PENDING, BATCHED, ANCHORED }

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(name = "record_version_id", nullable = false, unique = true)
    private Long recordVersionId;

    @Column(name = "leaf_hash", nullable = false, length = 32)
    private byte[] leafHash;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    @Enumerated(EnumType.STRING)
    @Column(name = "state", nullable = false, length = 16)
    private State state;

    @Column(name = "batch_id", length = 66)
    private String batchId;

    @Column(name = "leaf_index")
    private Integer leafIndex;

    /** Sibling hashes bottom-up, 32 bytes each, concatenated. */
    @Column(name = "proof", length = 32 * 64)
    private byte[] proof;

    protected AnchorLeaf() {
    }

    public AnchorLeaf(Long recordVersionId, byte[] leafHash, Instant createdAt) {
        this.recordVersionId = recordVersionId;
        this.leafHash = leafHash.clone();
        this.createdAt = createdAt;
        this.state = State.PENDING;
    }

    public void assignTo(String batchId, int leafIndex, byte[] proof) {
        this.batchId = batchId;
        this.leafIndex = leafIndex;
        this.proof = proof.clone();
        this.state = State.BATCHED;
    }

    public void markAnchored() {
        this.state = State.ANCHORED;
    }

    public Long getId() {
        return id;
    }

    public Long getRecordVersionId() {
        return recordVersionId;
    }

    public byte[] getLeafHash() {
        return leafHash.clone();
    }

    public Instant getCreatedAt() {
        return createdAt;
    }

    public State getState() {
        return state;
    }

    public String getBatchId() {
        return batchId;
    }

    public Integer getLeafIndex() {
        return leafIndex;
    }

    public byte[] getProof() {
        return proof == null ? null : proof.clone();
    }
}
