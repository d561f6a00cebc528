package org.medledger.application.portal;

import java.io.Serializable;

/**
 * An AuditEvent flagged for review as the auditors' review list shows it: when, about which patient, what it
 * records, the declaring doctor's own words when it was declared in the portal, and the review if there is one.
 */
public record FlaggedEvent(String auditEventId, String recorded, String patient, String description,
                           String details, String reviewer, String reviewedAt, String note) implements Serializable {

    public boolean reviewed() {
        return reviewer != null;
    }
}
