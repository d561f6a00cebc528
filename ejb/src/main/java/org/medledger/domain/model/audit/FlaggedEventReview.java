package org.medledger.domain.model.audit;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** An auditor's review of an AuditEvent flagged review-required: who reviewed it, when, and their note. */
@Entity
@Table(name = "flagged_event_review")
public class FlaggedEventReview {

    @Id
    @Column(name = "audit_event_id", length = 64)
    private String auditEventId;

    @Column(name = "reviewer", nullable = false, length = 64)
    private String reviewer;

    @Column(name = "note", nullable = false, length = 1000)
    private String note;

    @Column(name = "reviewed_at", nullable = false)
    private Instant reviewedAt;

    protected FlaggedEventReview() {
    }

    public FlaggedEventReview(String auditEventId, String reviewer, String note, Instant reviewedAt) {
        this.auditEventId = auditEventId;
        this.reviewer = reviewer;
        this.note = note;
        this.reviewedAt = reviewedAt;
    }

    public String getAuditEventId() {
        return auditEventId;
    }

    public String getReviewer() {
        return reviewer;
    }

    public String getNote() {
        return note;
    }

    public Instant getReviewedAt() {
        return reviewedAt;
    }
}
