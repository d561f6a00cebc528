package org.medledger.domain.model.consent;

import java.util.Objects;

/**
 * One consent as {@code ConsentRegistry} holds it, rebuilt from its events: who (a patient pseudonym) lets whom (a
 * grantee id) see which categories for which purposes during which period. Parties are 32-byte ids as lower-case
 * hex without prefix; times are Unix seconds, {@code validUntil == 0} meaning open-ended.
 */
public record ConsentGrant(long consentId, String patient, String grantee, int scopes, int purposes, long validFrom,
                           long validUntil, String custodian, boolean patientSigned, boolean revoked) {

    public ConsentGrant {
        Objects.requireNonNull(patient, "patient");
        Objects.requireNonNull(grantee, "grantee");
        Objects.requireNonNull(custodian, "custodian");
    }

    /** Whether this consent, unrevoked and in force at {@code at}, covers the category for the purpose. */
    public boolean covers(ResourceCategory category, PurposeOfUse purpose, long at) {
        return !revoked
                && (scopes & category.bit()) != 0
                && (purposes & purpose.bit()) != 0
                && at >= validFrom
                && (validUntil == 0 || at < validUntil);
    }

    public ConsentGrant asRevoked() {
        return new ConsentGrant(consentId, patient, grantee, scopes, purposes, validFrom, validUntil, custodian,
                patientSigned, true);
    }
}
