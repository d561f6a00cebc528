package org.medledger.application.portal;

import java.util.List;
import org.medledger.application.access.RegisteredBackendClient;

/**
 * An administrator's view of SMART Backend Services clients: list, register (validated exactly like
 * {@code POST /fhir/$register-backend-client}) and disable. Every method refuses callers who are not administrators.
 */
public interface BackendClientAdministration {

    /** The SMART v2 system scopes the portal offers to choose from. */
    List<String> OFFERED_SCOPES = List.of("system/*.rs", "system/*.cruds", "system/Patient.rs",
            "system/Observation.rs", "system/Observation.c", "system/Condition.rs", "system/MedicationRequest.rs",
            "system/AllergyIntolerance.rs", "system/Encounter.rs", "system/DocumentReference.rs", "system/Binary.r",
            "system/Consent.rs");

    List<RegisteredBackendClient> clients(String adminUsername);

    /**
     * Registers a client and returns its client id.
     *
     * @param scopes        chosen from {@link #OFFERED_SCOPES} and any further scopes typed in
     * @param memberAddress the member hospital it acts for; null or blank for this hospital's own system
     */
    String register(String adminUsername, String name, String jwks, List<String> scopes, String memberAddress);

    void disable(String adminUsername, String clientId);
}
