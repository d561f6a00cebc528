package org.medledger.domain.model.consent;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/**
 * A break-glass a doctor declared from the portal: the AuditEvent that flags it for review, the reason code that
 * went on chain, and the doctor's own description of the emergency, which stays off chain.
 */
@Entity
@Table(name = "emergency_declaration")
public class EmergencyDeclaration {

    @Id
    @Column(name = "audit_event_id", length = 64)
    private String auditEventId;

    @Column(name = "patient_id", nullable = false, length = 64)
    private String patientId;

    @Column(name = "doctor_username", nullable = false, length = 64)
    private String doctorUsername;

    @Column(name = "reason_code", nullable = false, length = 32)
    private String reasonCode;

    @Column(name = "details", nullable = false, length = 1000)
    private String details;

    @Column(name = "declared_at", nullable = false)
    private Instant declaredAt;

    protected EmergencyDeclaration() {
    }

    public EmergencyDeclaration(String auditEventId, String patientId, String doctorUsername, String reasonCode,
                                String details, Instant declaredAt) {
        this.auditEventId = auditEventId;
        this.patientId = patientId;
        this.doctorUsername = doctorUsername;
        this.reasonCode = reasonCode;
        this.details = details;
        this.declaredAt = declaredAt;
    }

    public String getAuditEventId() {
        return auditEventId;
    }

    public String getPatientId() {
        return patientId;
    }

    public String getDoctorUsername() {
        return doctorUsername;
    }

    public String getReasonCode() {
        return reasonCode;
    }

    public String getDetails() {
        return details;
    }

    public Instant getDeclaredAt() {
        return declaredAt;
    }
}
