package org.medledger.domain.model.consent;

import java.util.Objects;

/**
 * One question to the policy: may this accessor see this patient's data of this category, held by this custodian
 * hospital, for this purpose, at this time (Unix seconds)?
 */
public record AccessRequest(Accessor accessor, String patient, String custodian, ResourceCategory category,
                            PurposeOfUse purpose, long at) {

    public AccessRequest {
        Objects.requireNonNull(accessor, "accessor");
        Objects.requireNonNull(patient, "patient");
        Objects.requireNonNull(custodian, "custodian");
        Objects.requireNonNull(category, "category");
        Objects.requireNonNull(purpose, "purpose");
    }
}
