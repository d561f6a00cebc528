package org.medledger.domain.model.appointment;

/**
 * The FHIR R4 Appointment statuses the portal uses: a patient's request is {@code pending}, the doctor accepts it
 * ({@code booked}), the patient arrives ({@code arrived}) and the doctor completes it ({@code fulfilled}); pending
 * and booked ones can be {@code cancelled}.
 */
public enum AppointmentStatus {
    PENDING("pending"),
    BOOKED("booked"),
    ARRIVED("arrived"),
    FULFILLED("fulfilled"),
    CANCELLED("cancelled");

    private final String fhirCode;

    AppointmentStatus(String fhirCode) {
        this.fhirCode = fhirCode;
    }

    public String fhirCode() {
        return fhirCode;
    }

    /** Whether an appointment in this status keeps its slot from being booked again. */
    public boolean holdsSlot() {
        return this != CANCELLED;
    }
}
