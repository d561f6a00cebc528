package org.medledger.application.portal;

import java.time.Instant;
import java.util.List;

/**
 * Break-glass from the portal: a verified doctor declares an emergency for a patient registered here, through the
 * same consent service as the FHIR {@code $break-glass} operation (recorded on chain, an AuditEvent flagged for
 * review, emergency treatment allowed for {@code medledger.consent.break-glass-minutes}). The doctor's own words
 * are kept here, off chain, for the auditors.
 */
public interface EmergencyAccess {

    /** The reasons a doctor chooses from. */
    List<EmergencyReason> reasons();

    /** The one patient the doctor names by shared identifier or exact full name; audited. */
    PatientMatch find(String doctorUsername, String query);

    /** Declares the emergency; returns when emergency access ends. */
    Instant declare(String doctorUsername, String patientId, String reasonCode, String details);
}
