package org.medledger.application.search;

import static org.medledger.application.search.SearchParameterKind.DATE;
import static org.medledger.application.search.SearchParameterKind.IDENTIFIER;
import static org.medledger.application.search.SearchParameterKind.NAME;
import static org.medledger.application.search.SearchParameterKind.REFERENCE;
import static org.medledger.application.search.SearchParameterKind.TOKEN;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The search parameters indexed per resource type. Every type also has {@code _id} and
 * {@code _lastUpdated} (answered from the resource table) and, where the resource has a top-level
 * {@code subject} or {@code patient} reference, {@code patient} and {@code subject}.
 */
public final class SearchParameterCatalog {

    private static final Map<String, List<SearchParameterDefinition>> BY_TYPE = new LinkedHashMap<>();

    static {
        person("Patient");
        person("Practitioner");
        define("Patient", "birthdate", DATE, "birthDate");
        define("Patient", "gender", TOKEN, "gender");
        define("Patient", "general-practitioner", REFERENCE, "generalPractitioner");
        define("Patient", "organization", REFERENCE, "managingOrganization");
        define("Practitioner", "gender", TOKEN, "gender");
        clinical("Observation", "effectiveDateTime", "effectivePeriod", "effectiveInstant");
        define("Observation", "category", TOKEN, "category");
        define("Observation", "value-quantity-unit", TOKEN, "valueQuantity.code");
        define("Observation", "performer", REFERENCE, "performer");
        clinical("Condition", "onsetDateTime", "onsetPeriod", "recordedDate");
        define("Condition", "category", TOKEN, "category");
        define("Condition", "clinical-status", TOKEN, "clinicalStatus");
        define("Condition", "verification-status", TOKEN, "verificationStatus");
        clinical("Encounter", "period");
        define("Encounter", "class", TOKEN, "class");
        define("Encounter", "type", TOKEN, "type");
        define("Encounter", "participant", REFERENCE, "participant.individual");
        clinical("AllergyIntolerance", "recordedDate", "onsetDateTime");
        define("AllergyIntolerance", "clinical-status", TOKEN, "clinicalStatus");
        define("AllergyIntolerance", "category", TOKEN, "category");
        clinical("MedicationRequest", "authoredOn");
        define("MedicationRequest", "code", TOKEN, "medicationCodeableConcept");
        define("MedicationRequest", "intent", TOKEN, "intent");
        define("MedicationRequest", "requester", REFERENCE, "requester");
        clinical("MedicationStatement", "effectiveDateTime", "effectivePeriod");
        define("MedicationStatement", "code", TOKEN, "medicationCodeableConcept");
        clinical("Procedure", "performedDateTime", "performedPeriod");
        define("Procedure", "category", TOKEN, "category");
        clinical("Immunization", "occurrenceDateTime");
        define("Immunization", "vaccine-code", TOKEN, "vaccineCode");
        clinical("DiagnosticReport", "effectiveDateTime", "effectivePeriod");
        define("DiagnosticReport", "category", TOKEN, "category");
        define("DiagnosticReport", "result", REFERENCE, "result");
        clinical("DocumentReference", "date");
        define("DocumentReference", "type", TOKEN, "type");
        define("DocumentReference", "category", TOKEN, "category");
        clinical("CarePlan", "period");
        define("CarePlan", "category", TOKEN, "category");
        define("Appointment", "date", DATE, "start");
        define("Appointment", "status", TOKEN, "status");
        define("Appointment", "actor", REFERENCE, "participant.actor");
        define("Appointment", "patient", REFERENCE, "participant.actor");
        define("Appointment", "practitioner", REFERENCE, "participant.actor");
        define("Consent", "patient", REFERENCE, "patient");
        define("Consent", "status", TOKEN, "status");
        define("Consent", "category", TOKEN, "category");
        define("Consent", "date", DATE, "dateTime");
        define("Provenance", "target", REFERENCE, "target");
        define("Provenance", "patient", REFERENCE, "patient");
        define("Provenance", "recorded", DATE, "recorded");
        define("Organization", "identifier", IDENTIFIER, "identifier");
        define("Organization", "name", NAME, "name");
        define("Location", "identifier", IDENTIFIER, "identifier");
        define("Location", "name", NAME, "name");
        define("PractitionerRole", "practitioner", REFERENCE, "practitioner");
        define("PractitionerRole", "organization", REFERENCE, "organization");
        define("PractitionerRole", "role", TOKEN, "code");
        define("AuditEvent", "entity", REFERENCE, "entity.what");
        define("AuditEvent", "date", DATE, "recorded");
        define("AuditEvent", "type", TOKEN, "type");
        define("AuditEvent", "action", TOKEN, "action");
        define("AuditEvent", "outcome", TOKEN, "outcome");
        // who acted: a portal user's login or a backend client's id (AuditEvent.agent.who.identifier)
        define("AuditEvent", "agent-identifier", IDENTIFIER, "agent.who.identifier");
    }

    private SearchParameterCatalog() {
    }

    private static void person(String type) {
        define(type, "identifier", IDENTIFIER, "identifier");
        define(type, "name", NAME, "name.family", "name.given", "name.text");
        define(type, "family", NAME, "name.family");
        define(type, "given", NAME, "name.given");
    }

    /** The parameters every clinical resource about a patient shares. */
    private static void clinical(String type, String... datePaths) {
        define(type, "patient", REFERENCE, "subject", "patient");
        define(type, "subject", REFERENCE, "subject", "patient");
        define(type, "encounter", REFERENCE, "encounter", "context");
        define(type, "code", TOKEN, "code");
        define(type, "status", TOKEN, "status");
        define(type, "identifier", IDENTIFIER, "identifier");
        define(type, "date", DATE, datePaths);
    }

    private static void define(String type, String name, SearchParameterKind kind, String... paths) {
        List<SearchParameterDefinition> list = BY_TYPE.computeIfAbsent(type, t -> new ArrayList<>());
        list.removeIf(existing -> existing.name().equals(name));
        list.add(new SearchParameterDefinition(name, kind, List.of(paths),
                kind.name().toLowerCase() + " on " + String.join(" | ", paths)));
    }

    /** Indexed parameters of a type; types not listed get {@code patient}/{@code subject} from top-level references. */
    public static List<SearchParameterDefinition> forType(String type) {
        List<SearchParameterDefinition> listed = BY_TYPE.get(type);
        if (listed != null) {
            return List.copyOf(listed);
        }
        return List.of(
                new SearchParameterDefinition("patient", REFERENCE, List.of("patient", "subject"),
                        "reference on patient | subject"),
                new SearchParameterDefinition("subject", REFERENCE, List.of("subject", "patient"),
                        "reference on subject | patient"));
    }

    public static Optional<SearchParameterDefinition> find(String type, String name) {
        return forType(type).stream().filter(p -> p.name().equals(name)).findFirst();
    }
}
