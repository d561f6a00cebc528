package org.medledger.application.portal;

import java.io.Serializable;

/** One consent a patient gave, as their consent page lists it. */
public record ConsentSummary(String consentId, String grantee, String categories, String purposes, String until,
                             String status, String ledger) implements Serializable {

    public boolean active() {
        return "active".equals(status);
    }
}
