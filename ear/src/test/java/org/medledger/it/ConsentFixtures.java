package org.medledger.it;

import java.security.SecureRandom;
import java.util.HexFormat;

/** Synthetic consents and consenting patients for the consent tests; no real or real-looking identifiers. */
final class ConsentFixtures {

    static final String SHARED_SYSTEM = "urn:medledger:consortium:patient-id";

    private ConsentFixtures() {
    }

    /** A synthetic patient carrying an identifier of the consortium's shared system, so consents can name them. */
    static String patientWithSharedIdentifier() {
        return SyntheticPatients.json("Consenting").replace("\"resourceType\":\"Patient\",",
                "\"resourceType\":\"Patient\",\"identifier\":[{\"system\":\"" + SHARED_SYSTEM
                        + "\",\"value\":\"" + SyntheticPatients.identifier("SYN") + "\"}],");
    }

    /** A patient-privacy Consent of the patient for a member hospital, one category and one purpose. */
    static String consent(String patient, String granteeAddress, String status, String category, String purpose) {
        return """
                {"resourceType":"Consent","status":"%s",
                 "scope":{"coding":[{"system":"http://terminology.hl7.org/CodeSystem/consentscope","code":"patient-privacy"}]},
                 "category":[{"coding":[{"system":"http://loinc.org","code":"59284-0"}]}],
                 "patient":{"reference":"Patient/%s"},
                 "policyRule":{"coding":[{"system":"http://terminology.hl7.org/CodeSystem/v3-ActCode","code":"OPTIN"}]},
                 "provision":{"type":"permit",
                   "actor":[{"role":{"coding":[{"system":"http://terminology.hl7.org/CodeSystem/v3-ParticipationType","code":"IRCP"}]},
                             "reference":{"identifier":{"system":"urn:medledger:consortium-member","value":"%s"}}}],
                   "purpose":[{"system":"http://terminology.hl7.org/CodeSystem/v3-ActReason","code":"%s"}],
                   "code":[{"coding":[{"system":"urn:medledger:consent-category","code":"%s"}]}]}}"""
                .formatted(status, patient, granteeAddress, purpose, category);
    }

    /** A random account address standing for another member hospital. */
    static String randomAddress() {
        byte[] address = new byte[20];
        new SecureRandom().nextBytes(address);
        return "0x" + HexFormat.of().formatHex(address);
    }
}
