package org.medledger.application.portal;

import java.util.List;

/** The AuditEvents this server wrote, as a patient's access history and as an auditor's search. */
public interface AuditTrail {

    /** At most this many entries per answer, newest first. */
    int LIMIT = 500;

    /** Who accessed the signed-in patient's records, newest first. */
    List<AuditEntry> accessHistory(String patientUsername);

    /** An auditor's search, newest first. */
    List<AuditEntry> search(String auditorUsername, AuditQuery query);
}
