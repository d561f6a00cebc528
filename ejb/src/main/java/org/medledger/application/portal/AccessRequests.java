package org.medledger.application.portal;

import java.util.List;

/**
 * A verified doctor asks a patient registered here for access to their records; the patient approves (a Consent
 * given through {@link PortalConsents}, so it is recorded on {@code ConsentRegistry} like any other) or denies.
 * Each request and answer is audited and notified to the other side.
 */
public interface AccessRequests {

    /** The one patient the doctor names by shared identifier or exact full name; audited. */
    PatientMatch find(String doctorUsername, String query);

    /** Returns the request's id. */
    String request(String doctorUsername, String patientId, AccessRequestForm form);

    /** The doctor's requests, newest first. */
    List<AccessRequestSummary> requestsOf(String doctorUsername);

    /** Requests waiting for the signed-in patient's answer, oldest first. */
    List<AccessRequestSummary> pendingFor(String patientUsername);

    /** Gives the consent asked for; returns the Consent's id. */
    String approve(String patientUsername, String requestId);

    /** {@code reason} may be empty. */
    void deny(String patientUsername, String requestId, String reason);
}
