package org.medledger.application.portal;

import java.util.List;

/**
 * The auditors' review list: AuditEvents flagged {@code review-required} (break-glass declarations, from the portal
 * or the FHIR API) and the reviews auditors record for them; a review is itself audited.
 */
public interface FlaggedEvents {

    /** Flagged events, newest first. */
    List<FlaggedEvent> flagged(String auditorUsername);

    /** Records the auditor's review of one flagged event; a note is required. */
    void markReviewed(String auditorUsername, String auditEventId, String note);
}
