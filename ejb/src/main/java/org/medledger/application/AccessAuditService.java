package org.medledger.application;

import java.util.List;

/** The audit trail of the FHIR API: one AuditEvent, hashed and anchored like any record, per identified access. */
public interface AccessAuditService {

    /**
     * Records one interaction.
     *
     * @param references the resources released or refused, and the patients they belong to (at most 50 kept)
     */
    void record(String interaction, String action, int outcome, String clientId, String memberAddress,
                String purpose, List<String> references);
}
