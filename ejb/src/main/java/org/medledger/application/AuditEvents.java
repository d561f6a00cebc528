package org.medledger.application;

import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.List;

/**
 * FHIR AuditEvent resources in the IHE Basic Audit Log Patterns shape, for what this server does
 * on its own account. They name resources by reference only, never by content.
 */
public final class AuditEvents {

    private static final String DCM = "http://dicom.nema.org/resources/ontology/DCM";

    private AuditEvents() {
    }

    static String erasure(String reference, int versions, String reason, Instant at) {
        return event("110110", "Patient Record", "D", at,
                "Erasure request: " + versions + " version(s) crypto-shredded. Reason: " + safe(reason), reference);
    }

    /**
     * A break-glass declaration: emergency treatment access to a patient's records, flagged for an auditor's review
     * (tag {@code review-required}).
     */
    public static String emergencyAccess(String patientReference, String accessorDisplay, String reasonCode,
                                         Instant at) {
        String event = event("110113", "Security Alert", "E", at, "Break-glass access declared by "
                + safe(accessorDisplay) + " for emergency treatment, reason " + safe(reasonCode)
                + "; review required", patientReference);
        return event.replaceFirst("\\{\"resourceType\":\"AuditEvent\",", "{\"resourceType\":\"AuditEvent\","
                + "\"meta\":{\"tag\":[{\"system\":\"urn:medledger:audit\",\"code\":\"review-required\"}]},"
                + "\"purposeOfEvent\":[{\"coding\":[{\"system\":\"http://terminology.hl7.org/CodeSystem/v3-ActReason\","
                + "\"code\":\"ETREAT\"}]}],");
    }

    /**
     * One FHIR interaction by an identified client (IHE BALP RESTful activity): who (the backend client and the
     * member hospital it acts for), what (the interaction, the resources released or refused and the patients they
     * belong to), why (purpose of use) and how it ended (0 success, 4 refused, 8 unauthenticated).
     */
    public static String restAccess(String interaction, String action, int outcome, String clientId,
                                    String memberAddress, String purpose, List<String> references, Instant at) {
        StringBuilder entities = new StringBuilder();
        for (String reference : references) {
            entities.append(entities.length() == 0 ? "" : ",").append("{\"what\":{\"reference\":\"")
                    .append(escape(reference)).append("\"}}");
        }
        String member = memberAddress == null ? "this hospital" : "member " + escape(memberAddress);
        return """
                {"resourceType":"AuditEvent",
                 "type":{"system":"http://terminology.hl7.org/CodeSystem/audit-event-type","code":"rest"},
                 "subtype":[{"system":"http://hl7.org/fhir/restful-interaction","code":"%s"}],
                 "action":"%s","recorded":"%s","outcome":"%d",
                 "purposeOfEvent":[{"coding":[{"system":"http://terminology.hl7.org/CodeSystem/v3-ActReason",
                                              "code":"%s"}]}],
                 "agent":[{"who":{"identifier":{"system":"urn:medledger:backend-client","value":"%s"}},
                           "requestor":true},
                          {"who":{"display":"%s"},"requestor":false}],
                 "source":{"observer":{"display":"MedLedger server"},
                           "type":[{"system":"http://terminology.hl7.org/CodeSystem/security-source-type","code":"4"}]},
                 "entity":[%s]}
                """.formatted(escape(interaction), escape(action), DateTimeFormatter.ISO_INSTANT.format(at), outcome,
                escape(purpose), escape(clientId), member, entities);
    }

    /**
     * One access through the portal by a signed-in user (IHE BALP RESTful shape, source "portal"): the user (login
     * name and the name the portal shows), what they read or wrote, and the patient it belongs to.
     */
    public static String portalAccess(String interaction, String action, String username, String userDisplay,
                                      String role, String purpose, List<String> references, Instant at) {
        StringBuilder entities = new StringBuilder();
        for (String reference : references) {
            entities.append(entities.length() == 0 ? "" : ",").append("{\"what\":{\"reference\":\"")
                    .append(escape(reference)).append("\"}}");
        }
        return """
                {"resourceType":"AuditEvent",
                 "type":{"system":"http://terminology.hl7.org/CodeSystem/audit-event-type","code":"rest"},
                 "subtype":[{"system":"http://hl7.org/fhir/restful-interaction","code":"%s"}],
                 "action":"%s","recorded":"%s","outcome":"0",
                 "purposeOfEvent":[{"coding":[{"system":"http://terminology.hl7.org/CodeSystem/v3-ActReason",
                                              "code":"%s"}]}],
                 "agent":[{"type":{"text":"%s"},
                           "who":{"identifier":{"system":"urn:medledger:portal-user","value":"%s"},"display":"%s"},
                           "requestor":true}],
                 "source":{"observer":{"display":"MedLedger portal"},
                           "type":[{"system":"http://terminology.hl7.org/CodeSystem/security-source-type","code":"3"}]},
                 "entity":[%s]}
                """.formatted(escape(interaction), escape(action), DateTimeFormatter.ISO_INSTANT.format(at),
                escape(purpose), escape(role), escape(username), escape(safe(userDisplay)), entities);
    }

    /**
     * A step of a portal workflow about access to a patient's records, taken by a signed-in user (DICOM "Patient
     * Record", the step as the outcome description): an access request made, approved or denied, a flagged event
     * reviewed. What users wrote in their own words is not included.
     */
    public static String portalStep(String step, String action, String username, String userDisplay, String role,
                                    String purpose, List<String> references, Instant at) {
        StringBuilder entities = new StringBuilder();
        for (String reference : references) {
            entities.append(entities.length() == 0 ? "" : ",").append("{\"what\":{\"reference\":\"")
                    .append(escape(reference)).append("\"}}");
        }
        return """
                {"resourceType":"AuditEvent",
                 "type":{"system":"%s","code":"110110","display":"Patient Record"},
                 "action":"%s","recorded":"%s","outcome":"0","outcomeDesc":"%s",
                 "purposeOfEvent":[{"coding":[{"system":"http://terminology.hl7.org/CodeSystem/v3-ActReason",
                                              "code":"%s"}]}],
                 "agent":[{"type":{"text":"%s"},
                           "who":{"identifier":{"system":"urn:medledger:portal-user","value":"%s"},"display":"%s"},
                           "requestor":true}],
                 "source":{"observer":{"display":"MedLedger portal"},
                           "type":[{"system":"http://terminology.hl7.org/CodeSystem/security-source-type","code":"3"}]},
                 "entity":[%s]}
                """.formatted(DCM, escape(action), DateTimeFormatter.ISO_INSTANT.format(at), escape(step),
                escape(purpose), escape(role), escape(username), escape(safe(userDisplay)), entities);
    }

    /**
     * One portal sign-in attempt (DICOM "User Authentication", subtype Login): the method (password, second factor,
     * wallet), who (the login name when known, else the wallet address that signed), 0 when it succeeded and 4 when
     * it was refused, with the reason. It names no patient data.
     */
    public static String portalSignIn(String method, boolean succeeded, String username, String walletAddress,
                                      String reason, Instant at) {
        String who = username != null
                ? "{\"identifier\":{\"system\":\"urn:medledger:portal-user\",\"value\":\"" + escape(username) + "\"}}"
                : walletAddress != null
                ? "{\"identifier\":{\"system\":\"urn:medledger:ethereum-address\",\"value\":\""
                + escape(walletAddress) + "\"}}"
                : "{\"display\":\"unknown user\"}";
        return """
                {"resourceType":"AuditEvent",
                 "type":{"system":"%s","code":"110114","display":"User Authentication"},
                 "subtype":[{"system":"%s","code":"110122","display":"Login"}],
                 "action":"E","recorded":"%s","outcome":"%s","outcomeDesc":"%s",
                 "agent":[{"type":{"text":"%s"},"who":%s,"requestor":true}],
                 "source":{"observer":{"display":"MedLedger portal"},
                           "type":[{"system":"http://terminology.hl7.org/CodeSystem/security-source-type","code":"3"}]}}
                """.formatted(DCM, DCM, DateTimeFormatter.ISO_INSTANT.format(at), succeeded ? "0" : "4",
                escape(safe(method + (succeeded ? " sign-in" : " sign-in refused: " + reason))), escape(method), who);
    }

    static String integrityAlert(String reference, String finding, Instant at) {
        return event("110113", "Security Alert", "E", at, "Integrity sweep: " + safe(finding), reference);
    }

    private static String event(String code, String display, String action, Instant at, String description,
                                String reference) {
        return """
                {"resourceType":"AuditEvent",
                 "type":{"system":"%s","code":"%s","display":"%s"},
                 "action":"%s","recorded":"%s","outcome":"0","outcomeDesc":"%s",
                 "agent":[{"type":{"coding":[{"system":"%s","code":"110150","display":"Application"}]},
                           "who":{"display":"MedLedger server"},"requestor":false}],
                 "source":{"observer":{"display":"MedLedger server"},
                           "type":[{"system":"%s","code":"4","display":"Application Server"}]},
                 "entity":[{"what":{"reference":"%s"}}]}
                """.formatted(DCM, code, display, action, DateTimeFormatter.ISO_INSTANT.format(at),
                escape(description), DCM, "http://terminology.hl7.org/CodeSystem/security-source-type",
                escape(reference));
    }

    private static String safe(String text) {
        if (text == null || text.isBlank()) {
            return "not given";
        }
        return text.length() > 200 ? text.substring(0, 200) : text;
    }

    private static String escape(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (char c : text.toCharArray()) {
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.toString();
    }
}
