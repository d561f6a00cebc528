package org.medledger.domain.model.identity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/**
 * A clinician's (doctor's or nurse's) licence as the hospital administrator reviewed it; only a verified clinician
 * sees patient data. {@code speciality} is a doctor's speciality or a nurse's department or ward.
 */
@Entity
@Table(name = "practitioner_credential")
public class PractitionerCredential {

    public enum Status { PENDING, VERIFIED, REJECTED }

    @Id
    @Column(name = "username", length = 64)
    private String username;

    @Column(name = "licence_system", nullable = false, length = 128)
    private String licenceSystem;

    @Column(name = "licence_id", nullable = false, length = 64)
    private String licenceId;

    @Column(name = "speciality", length = 128)
    private String speciality;

    @Enumerated(EnumType.STRING)
    @Column(name = "status", nullable = false, length = 16)
    private Status status;

    @Column(name = "reason", length = 256)
    private String reason;

    @Column(name = "reviewed_at")
    private Instant reviewedAt;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    protected PractitionerCredential() {
    }

    public PractitionerCredential(String username, String licenceSystem, String licenceId, String speciality,
                                  Status status, Instant createdAt) {
        this.username = username;
        this.licenceSystem = licenceSystem;
        this.licenceId = licenceId;
        this.speciality = speciality;
        this.status = status;
        this.createdAt = createdAt;
    }

    public void verify(Instant at) {
        status = Status.VERIFIED;
        reason = null;
        reviewedAt = at;
    }

    public void reject(String why, Instant at) {
        status = Status.REJECTED;
        reason = why;
        reviewedAt = at;
    }

    public boolean isVerified() {
        return status == Status.VERIFIED;
    }

    public String getUsername() {
        return username;
    }

    public String getLicenceSystem() {
        return licenceSystem;
    }

    public String getLicenceId() {
        return licenceId;
    }

    public String getSpeciality() {
        return speciality;
    }

    public Status getStatus() {
        return status;
    }

    public String getReason() {
        return reason;
    }
}
