package org.medledger.application.portal;

import java.util.List;

/**
 * Consents a patient gives and revokes from the portal. Each is a FHIR Consent stored through the record service,
 * so the consent service records it on {@code ConsentRegistry} like one sent to the FHIR API.
 */
public interface PortalConsents {

    /** Verified doctors and nurses of this hospital, and this hospital itself. */
    List<Grantee> grantees();

    List<ConsentSummary> consentsOf(String patientUsername);

    /** Returns the Consent's id. */
    String grant(String patientUsername, ConsentRequest request);

    void revoke(String patientUsername, String consentId);
}
