package org.medledger.domain.model.consent;

import java.util.Arrays;
import java.util.Collection;
import java.util.Optional;

/**
 * HL7 v3 PurposeOfUse codes a consent can allow. The bit of each is its position in the {@code uint32 purposes} bit
 * set of {@code ConsentRegistry}; the order is part of the on-chain format and must never change.
 */
public enum PurposeOfUse {
    TREAT, ETREAT, HPAYMT, HOPERAT, HRESCH, PUBHLTH, PATRQT;

    /** The code system of these codes in FHIR ({@code Consent.provision.purpose}, {@code AuditEvent.purposeOfEvent}). */
    public static final String SYSTEM = "http://terminology.hl7.org/CodeSystem/v3-ActReason";

    public int bit() {
        return 1 << ordinal();
    }

    public static Optional<PurposeOfUse> ofCode(String code) {
        return Arrays.stream(values()).filter(p -> p.name().equals(code)).findFirst();
    }

    public static int mask(Collection<PurposeOfUse> purposes) {
        return purposes.stream().mapToInt(PurposeOfUse::bit).reduce(0, (a, b) -> a | b);
    }
}
