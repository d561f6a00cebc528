package org.medledger.application.portal;

import java.io.Serializable;

/**
 * One appointment as a list shows it, to the patient or to the doctor, with what the viewer may do with it now.
 * {@code status} is the FHIR Appointment status.
 */
public record AppointmentSummary(String appointmentId, String doctor, String patient, String when, String status,
                                 String reason, boolean cancellable, boolean acceptable, boolean reschedulable,
                                 boolean arrivable, boolean completable) implements Serializable {
}
