package org.medledger.application.portal;

import java.util.List;

/**
 * Appointments from the portal. A doctor sets weekly hours; a patient books a free slot with a verified doctor and
 * may cancel; the doctor accepts, reschedules, records the arrival and completes. Each appointment is a FHIR
 * Appointment stored through the record service, every change an audited portal write; an accepted appointment
 * makes the doctor a treating doctor of the patient for a limited time (see {@code PortalCallers#clinician}).
 */
public interface PortalAppointments {

    /** The time zone of weekly hours and shown times, e.g. "UTC". */
    String timeZone();

    /** The signed-in doctor's weekly hours, or none set (null). */
    WeeklyHours availabilityOf(String doctorUsername);

    void setAvailability(String doctorUsername, WeeklyHours hours);

    /** Verified doctors who set weekly hours. */
    List<DoctorChoice> bookableDoctors(String patientUsername);

    /** The doctor's free slots from now for the configured number of days. */
    List<FreeSlot> freeSlots(String patientUsername, String doctorUsername);

    /** Requests the slot (FHIR status pending); returns the Appointment's id. */
    String book(String patientUsername, String doctorUsername, String slotKey, String reason);

    List<AppointmentSummary> myAppointments(String patientUsername);

    void cancel(String patientUsername, String appointmentId);

    /** The doctor's appointments, requests first; audited as a read of the patients' appointments. */
    List<AppointmentSummary> appointmentsOf(String doctorUsername);

    /** The doctor's own free slots, to reschedule to. */
    List<FreeSlot> freeSlotsOf(String doctorUsername);

    void accept(String doctorUsername, String appointmentId);

    void reschedule(String doctorUsername, String appointmentId, String slotKey);

    void markArrived(String doctorUsername, String appointmentId);

    void complete(String doctorUsername, String appointmentId);
}
