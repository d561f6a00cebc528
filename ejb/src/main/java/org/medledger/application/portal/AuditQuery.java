package org.medledger.application.portal;

import java.time.LocalDate;

/**
 * An auditor's search: any of patient id, the user who acted (a portal login or a backend client id), action code
 * (C R U D E), outcome code (0 success, 4 refused, 8 unauthenticated, 12 failed) and dates (inclusive) may be null.
 */
public record AuditQuery(String patientId, String user, String action, String outcome, LocalDate from, LocalDate to) {
}
