package org.medledger.domain.model.record;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.UniqueConstraint;
import java.time.Instant;

/**
 * One version of one FHIR resource, as stored: the canonical JSON encrypted under a
 * per-version data key, plus the SHA-256 of that canonical JSON (the anchored leaf).
 * Rows are immutable once written; a new version is a new row.
 */
@Entity
@Table(name = "record_version",
        uniqueConstraints = @UniqueConstraint(columnNames = {"resource_type", "resource_id", "version_number"}))
public class RecordVersion {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(name = "resource_type", nullable = false, length = 64)
    private String resourceType;

    @Column(name = "resource_id", nullable = false, length = 64)
    private String resourceId;

    @Column(name = "version_number", nullable = false)
    private int versionNumber;

    @Column(name = "deleted", nullable = false)
    private boolean deleted;

    @Column(name = "last_updated", nullable = false)
    private Instant lastUpdated;

    @Column(name = "content_hash", nullable = false, length = 32)
    private byte[] contentHash;

    @Column(name = "ciphertext", nullable = false, length = 1_000_000_000)
    private byte[] ciphertext;

    @Column(name = "nonce", nullable = false, length = 16)
    private byte[] nonce;

    /** Null once the version is erased: without its data key the ciphertext can never be opened again. */
    @Column(name = "wrapped_key", length = 64)
    private byte[] wrappedKey;

    @Column(name = "kek_version", nullable = false, length = 32)
    private String kekVersion;

    @Column(name = "erased_at")
    private Instant erasedAt;

    protected RecordVersion() {
    }

    public RecordVersion(String resourceType, String resourceId, int versionNumber, boolean deleted,
                         Instant lastUpdated, byte[] contentHash, byte[] ciphertext, byte[] nonce,
                         byte[] wrappedKey, String kekVersion) {
        this.resourceType = resourceType;
        this.resourceId = resourceId;
        this.versionNumber = versionNumber;
        this.deleted = deleted;
        this.lastUpdated = lastUpdated;
        this.contentHash = contentHash.clone();
        this.ciphertext = ciphertext;
        this.nonce = nonce.clone();
        this.wrappedKey = wrappedKey.clone();
        this.kekVersion = kekVersion;
    }

    public Long getId() {
        return id;
    }

    public String getResourceType() {
        return resourceType;
    }

    public String getResourceId() {
        return resourceId;
    }

    public int getVersionNumber() {
        return versionNumber;
    }

    public boolean isDeleted() {
        return deleted;
    }

    public Instant getLastUpdated() {
        return lastUpdated;
    }

    public byte[] getContentHash() {
        return contentHash.clone();
    }

    public byte[] getCiphertext() {
        return ciphertext;
    }

    public byte[] getNonce() {
        return nonce.clone();
    }

    public byte[] getWrappedKey() {
        return wrappedKey == null ? null : wrappedKey.clone();
    }

    public boolean isErased() {
        return erasedAt != null;
    }

    public Instant getErasedAt() {
        return erasedAt;
    }

    /** Crypto-shredding: forgets the data key. The hash, and so the anchored proof, stay. */
    public void erase(Instant at) {
        if (erasedAt == null) {
            wrappedKey = null;
            erasedAt = at;
        }
    }

    /** Key rotation: the same data key, wrapped under a newer key-encryption key. */
    public void rewrap(byte[] newWrappedKey, String newKekVersion) {
        if (erasedAt != null) {
            throw new IllegalStateException(versionedReference() + " is erased and has no data key to re-wrap");
        }
        this.wrappedKey = newWrappedKey.clone();
        this.kekVersion = newKekVersion;
    }

    public String getKekVersion() {
        return kekVersion;
    }

    /** "Patient/abc/_history/2": also the associated data that binds the ciphertext to this version. */
    public String versionedReference() {
        return resourceType + "/" + resourceId + "/_history/" + versionNumber;
    }
}
