package org.medledger.domain.model.appointment;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Set;

/**
 * The index row of one FHIR Appointment between a doctor (portal login) and a patient (FHIR id). The slot is held
 * in {@code held_start}, unique per doctor in the database, so two bookings of one slot can never both commit.
 *
 * <p>Treating relationship: from the moment the doctor accepts an appointment until the configured number of days
 * after it ends, the doctor treats the patient (the consent policy's {@code custodian-treating-staff} rule);
 * pending and cancelled appointments give nothing.
 */
@Entity
@Table(name = "appointment_booking")
public class AppointmentBooking {

    /** The statuses in which an appointment makes its doctor a treating doctor. */
    public static final Set<AppointmentStatus> TREATING = EnumSet.of(AppointmentStatus.BOOKED,
            AppointmentStatus.ARRIVED, AppointmentStatus.FULFILLED);

    @Id
    @Column(name = "appointment_id", length = 64)
    private String appointmentId;

    @Column(name = "doctor_username", nullable = false, length = 64)
    private String doctorUsername;

    @Column(name = "patient_id", nullable = false, length = 64)
    private String patientId;

    @Column(name = "starts_at", nullable = false)
    private Instant startsAt;

    @Column(name = "ends_at", nullable = false)
    private Instant endsAt;

    @Enumerated(EnumType.STRING)
    @Column(name = "status", nullable = false, length = 16)
    private AppointmentStatus status;

    @Column(name = "held_start")
    private Instant heldStart;

    @Column(name = "updated_at", nullable = false)
    private Instant updatedAt;

    protected AppointmentBooking() {
    }

    public AppointmentBooking(String appointmentId, String doctorUsername, String patientId, Instant startsAt,
                              Duration length, Instant now) {
        this.appointmentId = appointmentId;
        this.doctorUsername = doctorUsername;
        this.patientId = patientId;
        this.status = AppointmentStatus.PENDING;
        moveTo(startsAt, length, now);
    }

    /** The slot the appointment holds from now on (a reschedule); its status stays. */
    public void moveTo(Instant start, Duration length, Instant now) {
        startsAt = start;
        endsAt = start.plus(length);
        heldStart = status.holdsSlot() ? start : null;
        updatedAt = now;
    }

    public void changeStatus(AppointmentStatus next, Instant now) {
        status = next;
        heldStart = next.holdsSlot() ? startsAt : null;
        updatedAt = now;
    }

    /** The doctor may record it as completed once the patient arrived or its time has come. */
    public boolean completableAt(Instant now) {
        return status == AppointmentStatus.ARRIVED || status == AppointmentStatus.BOOKED && !startsAt.isAfter(now);
    }

    public String getAppointmentId() {
        return appointmentId;
    }

    public String getDoctorUsername() {
        return doctorUsername;
    }

    public String getPatientId() {
        return patientId;
    }

    public Instant getStartsAt() {
        return startsAt;
    }

    public Instant getEndsAt() {
        return endsAt;
    }

    public AppointmentStatus getStatus() {
        return status;
    }
}
