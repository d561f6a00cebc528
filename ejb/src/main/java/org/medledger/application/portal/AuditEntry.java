package org.medledger.application.portal;

import java.io.Serializable;

/** One AuditEvent as the access history and the audit trail show it; no record content, only references. */
public record AuditEntry(String auditEventId, String recorded, String who, String source, String action,
                         String outcome, String purpose, String entities, boolean anchored) implements Serializable {

    public String anchoring() {
        return anchored ? "Anchored on chain" : "Pending anchoring";
    }
}
