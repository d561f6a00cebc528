package org.medledger.domain.model.consent;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

/**
 * A doctor's request to a patient for access to their records (kinds of records, purposes of use, the doctor's
 * reason), and the patient's answer: approved with the Consent it made, or denied with an optional reason.
 */
@Entity
@Table(name = "patient_access_request")
public class PatientAccessRequest {

    public enum Status { PENDING, APPROVED, DENIED }

    @Id
    @Column(name = "id", length = 36)
    private String id;

    @Column(name = "patient_id", nullable = false, length = 64)
    private String patientId;

    @Column(name = "doctor_username", nullable = false, length = 64)
    private String doctorUsername;

    @Column(name = "categories", nullable = false, length = 512)
    private String categories;

    @Column(name = "purposes", nullable = false, length = 128)
    private String purposes;

    @Column(name = "reason", nullable = false, length = 500)
    private String reason;

    @Enumerated(EnumType.STRING)
    @Column(name = "status", nullable = false, length = 16)
    private Status status;

    @Column(name = "answer", length = 500)
    private String answer;

    @Column(name = "consent_id", length = 64)
    private String consentId;

    @Column(name = "requested_at", nullable = false)
    private Instant requestedAt;

    @Column(name = "answered_at")
    private Instant answeredAt;

    protected PatientAccessRequest() {
    }

    public PatientAccessRequest(String patientId, String doctorUsername, List<String> categories,
                                List<String> purposes, String reason, Instant requestedAt) {
        this.id = UUID.randomUUID().toString();
        this.patientId = patientId;
        this.doctorUsername = doctorUsername;
        this.categories = String.join(",", categories);
        this.purposes = String.join(",", purposes);
        this.reason = reason;
        this.status = Status.PENDING;
        this.requestedAt = requestedAt;
    }

    public void approve(String consent, Instant at) {
        requirePending();
        status = Status.APPROVED;
        consentId = consent;
        answeredAt = at;
    }

    public void deny(String why, Instant at) {
        requirePending();
        status = Status.DENIED;
        answer = why;
        answeredAt = at;
    }

    private void requirePending() {
        if (status != Status.PENDING) {
            throw new IllegalStateException("This request was already answered");
        }
    }

    public String getId() {
        return id;
    }

    public String getPatientId() {
        return patientId;
    }

    public String getDoctorUsername() {
        return doctorUsername;
    }

    public List<String> getCategories() {
        return Arrays.asList(categories.split(","));
    }

    public List<String> getPurposes() {
        return Arrays.asList(purposes.split(","));
    }

    public String getReason() {
        return reason;
    }

    public Status getStatus() {
        return status;
    }

    public String getAnswer() {
        return answer;
    }

    public String getConsentId() {
        return consentId;
    }

    public Instant getRequestedAt() {
        return requestedAt;
    }

    public Instant getAnsweredAt() {
        return answeredAt;
    }
}
