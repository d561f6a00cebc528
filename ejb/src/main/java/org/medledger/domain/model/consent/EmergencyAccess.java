package org.medledger.domain.model.consent;

import java.util.Objects;

/**
 * A break-glass declaration as {@code ConsentRegistry}'s {@code EmergencyAccess} event records it: an accessor
 * (practitioner id) declared an emergency for a patient at a time (Unix seconds), for a coded reason.
 */
public record EmergencyAccess(String patient, String accessor, String reasonCode, String custodian, long at) {

    public EmergencyAccess {
        Objects.requireNonNull(patient, "patient");
        Objects.requireNonNull(accessor, "accessor");
        Objects.requireNonNull(reasonCode, "reasonCode");
        Objects.requireNonNull(custodian, "custodian");
    }
}
