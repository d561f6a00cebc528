package org.medledger.domain.model.consent;

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
 * A grant or revocation made by a FHIR Consent version at this hospital, or a break-glass declaration made here
 * (the grantee then is the accessor, the consent id {@code emergency:<uuid>}), on its way to {@code ConsentRegistry}.
 * Stored with the version (one transaction), then PENDING → SENT (transaction hash known) → CONFIRMED (mined; a
 * grant learns its on-chain consent id) or FAILED (the contract refused it; the reason is kept).
 */
@Entity
@Table(name = "consent_change")
public class ConsentChange {

    public enum Action { GRANT, REVOKE, EMERGENCY }

    public enum State { PENDING, SENT, CONFIRMED, FAILED }

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(name = "consent_id", nullable = false, length = 64)
    private String consentId;

    @Column(name = "consent_version", nullable = false)
    private int consentVersion;

    @Enumerated(EnumType.STRING)
    @Column(name = "action", nullable = false, length = 16)
    private Action action;

    @Column(name = "patient_pseudonym", nullable = false, length = 64)
    private String patientPseudonym;

    @Column(name = "grantee", nullable = false, length = 64)
    private String grantee;

    @Column(name = "scopes", nullable = false)
    private int scopes;

    @Column(name = "purposes", nullable = false)
    private int purposes;

    @Column(name = "valid_from", nullable = false)
    private long validFrom;

    @Column(name = "valid_until", nullable = false)
    private long validUntil;

    @Enumerated(EnumType.STRING)
    @Column(name = "state", nullable = false, length = 16)
    private State state;

    @Column(name = "tx_hash", length = 66)
    private String txHash;

    @Column(name = "block_number")
    private Long blockNumber;

    @Column(name = "onchain_consent_id")
    private Long onchainConsentId;

    @Column(name = "failure", length = 500)
    private String failure;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    @Column(name = "reason_code", length = 32)
    private String reasonCode;

    protected ConsentChange() {
    }

    public ConsentChange(String consentId, int consentVersion, Action action, String patientPseudonym, String grantee,
                         int scopes, int purposes, long validFrom, long validUntil, Instant createdAt) {
        this.consentId = consentId;
        this.consentVersion = consentVersion;
        this.action = action;
        this.patientPseudonym = patientPseudonym;
        this.grantee = grantee;
        this.scopes = scopes;
        this.purposes = purposes;
        this.validFrom = validFrom;
        this.validUntil = validUntil;
        this.state = State.PENDING;
        this.createdAt = createdAt;
    }

    /** A break-glass declaration by an accessor for a patient, with a short reason code. */
    public static ConsentChange emergency(String declarationId, String patientPseudonym, String accessor,
                                          String reasonCode, Instant at) {
        ConsentChange change = new ConsentChange(declarationId, 1, Action.EMERGENCY, patientPseudonym, accessor, 0,
                PurposeOfUse.ETREAT.bit(), at.getEpochSecond(), 0, at);
        change.reasonCode = reasonCode;
        return change;
    }

    /** The revocation of what this grant gave, made by a later version of the same Consent. */
    public ConsentChange revocation(int byVersion, Instant at) {
        return new ConsentChange(consentId, byVersion, Action.REVOKE, patientPseudonym, grantee, scopes, purposes,
                validFrom, validUntil, at);
    }

    public void sent(String transactionHash) {
        this.txHash = transactionHash;
        this.state = State.SENT;
    }

    public void confirmed(long block, Long onchainId) {
        this.blockNumber = block;
        if (onchainId != null) {
            this.onchainConsentId = onchainId;
        }
        this.state = State.CONFIRMED;
    }

    public void failed(String reason) {
        this.failure = reason.length() > 500 ? reason.substring(0, 500) : reason;
        this.state = State.FAILED;
    }

    /** The transaction vanished from the node (never mined, pool dropped): send it again. */
    public void resend() {
        this.txHash = null;
        this.state = State.PENDING;
    }

    public Long getId() {
        return id;
    }

    public String getConsentId() {
        return consentId;
    }

    public int getConsentVersion() {
        return consentVersion;
    }

    public Action getAction() {
        return action;
    }

    public String getPatientPseudonym() {
        return patientPseudonym;
    }

    public String getGrantee() {
        return grantee;
    }

    public int getScopes() {
        return scopes;
    }

    public int getPurposes() {
        return purposes;
    }

    public long getValidFrom() {
        return validFrom;
    }

    public long getValidUntil() {
        return validUntil;
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

    public Long getOnchainConsentId() {
        return onchainConsentId;
    }

    public Instant getCreatedAt() {
        return createdAt;
    }

    public String getReasonCode() {
        return reasonCode;
    }

    public String getFailure() {
        return failure;
    }
}
