package org.medledger.application.consent;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.regex.Pattern;
import org.medledger.application.InvalidRecordException;
import org.medledger.domain.model.consent.MemberId;
import org.medledger.domain.model.consent.PurposeOfUse;
import org.medledger.domain.model.consent.ResourceCategory;
import org.medledger.infrastructure.crypto.Sha256;

/**
 * What a FHIR R4 {@code Consent} (scope {@code patient-privacy}, one permit provision) asks the chain to record:
 * <ul>
 *   <li>the patient: {@code Consent.patient} = {@code Patient/{id}} held here;</li>
 *   <li>the grantee: the one {@code provision.actor.reference.identifier}: system {@value #MEMBER_SYSTEM} with a
 *       member hospital's account address names that hospital (its id is the address, left-padded to 32 bytes);
 *       any other system|value names a practitioner or organization (its id is SHA-256 of
 *       {@code grantee|system|value});</li>
 *   <li>the categories: {@code provision.code} codings of system {@value #CATEGORY_SYSTEM};</li>
 *   <li>the purposes: {@code provision.purpose} codings of HL7 v3 ActReason ({@code TREAT}, {@code ETREAT}, ...);</li>
 *   <li>the period: {@code provision.period} (start defaults to the time of recording, no end = open).</li>
 * </ul>
 * Every refusal names the element at fault and never quotes the content.
 */
public record ConsentTerms(String status, String patientId, String grantee, int scopes, int purposes, long validFrom,
                           long validUntil) {

    public static final String MEMBER_SYSTEM = "urn:medledger:consortium-member";
    public static final String CATEGORY_SYSTEM = "urn:medledger:consent-category";
    private static final String SCOPE_SYSTEM = "http://terminology.hl7.org/CodeSystem/consentscope";
    private static final Pattern ADDRESS = Pattern.compile("0x[0-9a-fA-F]{40}");
    private static final Pattern PATIENT_REFERENCE = Pattern.compile("Patient/([A-Za-z0-9\\-.]{1,64})");

    /** Whether this version asks for the consent to be in force. */
    public boolean active() {
        return "active".equals(status);
    }

    /** Whether this version ends the consent (revocation on chain). */
    public boolean ended() {
        return "inactive".equals(status) || "rejected".equals(status) || "entered-in-error".equals(status);
    }

    public static ConsentTerms of(JsonNode consent, Instant recordedAt) {
        String status = consent.path("status").asText("");
        if (!consent.path("scope").path("coding").isArray() || !hasCoding(consent.path("scope"), SCOPE_SYSTEM,
                "patient-privacy")) {
            throw invalid("Consent.scope must be patient-privacy (" + SCOPE_SYSTEM + ")");
        }
        var patient = PATIENT_REFERENCE.matcher(consent.path("patient").path("reference").asText(""));
        if (!patient.matches()) {
            throw invalid("Consent.patient must reference a Patient held here, as Patient/{id}");
        }
        JsonNode provision = consent.path("provision");
        if (provision.has("type") && !"permit".equals(provision.path("type").asText())) {
            throw invalid("Consent.provision.type must be permit: deny provisions are not supported, "
                    + "revoke a consent by setting its status to inactive");
        }
        if (provision.has("provision")) {
            throw invalid("Nested Consent.provision.provision is not supported");
        }
        JsonNode actors = provision.path("actor");
        if (!actors.isArray() || actors.size() != 1) {
            throw invalid("Consent.provision.actor must name exactly one grantee");
        }
        JsonNode identifier = actors.get(0).path("reference").path("identifier");
        String system = identifier.path("system").asText("").strip();
        String value = identifier.path("value").asText("").strip();
        if (system.isEmpty() || value.isEmpty()) {
            throw invalid("Consent.provision.actor[0].reference.identifier needs a system and a value");
        }
        if (MEMBER_SYSTEM.equals(system) && !ADDRESS.matcher(value).matches()) {
            throw invalid("A consortium member is named by its account address (0x and 40 hex digits)");
        }
        String grantee = granteeOf(system, value);
        int scopes = 0;
        for (JsonNode code : provision.path("code")) {
            for (JsonNode coding : code.path("coding")) {
                if (CATEGORY_SYSTEM.equals(coding.path("system").asText())) {
                    String category = coding.path("code").asText();
                    scopes |= ResourceCategory.ofCode(category).orElseThrow(() ->
                            invalid("Consent.provision.code: unknown category; known: " + categoryCodes())).bit();
                }
            }
        }
        if (scopes == 0) {
            throw invalid("Consent.provision.code must name at least one category of " + CATEGORY_SYSTEM);
        }
        int purposes = 0;
        for (JsonNode purpose : provision.path("purpose")) {
            if (PurposeOfUse.SYSTEM.equals(purpose.path("system").asText())) {
                purposes |= PurposeOfUse.ofCode(purpose.path("code").asText()).orElseThrow(() ->
                        invalid("Consent.provision.purpose: unsupported purpose of use")).bit();
            }
        }
        if (purposes == 0) {
            throw invalid("Consent.provision.purpose must name at least one purpose of use of " + PurposeOfUse.SYSTEM);
        }
        JsonNode period = provision.path("period");
        long from = period.has("start") ? epochSeconds(period.path("start").asText(), "start")
                : recordedAt.getEpochSecond();
        long until = period.has("end") ? epochSeconds(period.path("end").asText(), "end") : 0;
        if (until != 0 && until <= from) {
            throw invalid("Consent.provision.period ends before it starts");
        }
        return new ConsentTerms(status, patient.group(1), grantee, scopes, purposes, from, until);
    }

    /** The grantee id of an identifier: a member's padded address, or SHA-256 of {@code grantee|system|value}. */
    public static String granteeOf(String system, String value) {
        return MEMBER_SYSTEM.equals(system) ? MemberId.ofAddress(value) : Sha256.hexOf("grantee|" + system + "|" + value);
    }

    /** Same grantee, categories, purposes and period: a new version that changes none of them changes nothing on chain. */
    public boolean sameGrantAs(String otherGrantee, int otherScopes, int otherPurposes, long otherFrom,
                               long otherUntil) {
        return grantee.equals(otherGrantee) && scopes == otherScopes && purposes == otherPurposes
                && validFrom == otherFrom && validUntil == otherUntil;
    }

    private static boolean hasCoding(JsonNode concept, String system, String code) {
        for (JsonNode coding : concept.path("coding")) {
            if (system.equals(coding.path("system").asText()) && code.equals(coding.path("code").asText())) {
                return true;
            }
        }
        return false;
    }

    private static long epochSeconds(String dateTime, String which) {
        try {
            return dateTime.length() == 10 ? LocalDate.parse(dateTime).atStartOfDay(ZoneOffset.UTC).toEpochSecond()
                    : OffsetDateTime.parse(dateTime).toEpochSecond();
        } catch (DateTimeParseException e) {
            throw invalid("Consent.provision.period." + which + " must be a date or a dateTime with a time zone");
        }
    }

    private static String categoryCodes() {
        StringBuilder codes = new StringBuilder();
        for (ResourceCategory category : ResourceCategory.values()) {
            codes.append(codes.length() == 0 ? "" : ", ").append(category.code());
        }
        return codes.toString();
    }

    private static InvalidRecordException invalid(String message) {
        return new InvalidRecordException(message);
    }
}
