package org.medledger.application.portal;

import java.time.LocalDate;

/** An auditor's search: any of patient id, action code (C R U D E) and dates (inclusive) may be null. */
public record AuditQuery(String patientId, String action, LocalDate from, LocalDate to) {
}
