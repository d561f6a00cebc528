package org.medledger.domain.model.consent;

import java.util.Arrays;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;

/**
 * The resource categories a consent's scope is made of. The bit of each is its position in the {@code uint32 scopes}
 * bit set of {@code ConsentRegistry}; the order is part of the on-chain format and must never change.
 */
public enum ResourceCategory {
    DEMOGRAPHICS("demographics"),
    ENCOUNTERS("encounters"),
    OBSERVATIONS("observations"),
    LABORATORY("laboratory"),
    CONDITIONS("conditions"),
    MEDICATIONS("medications"),
    ALLERGIES("allergies"),
    PROCEDURES("procedures"),
    IMMUNIZATIONS("immunizations"),
    DOCUMENTS("documents"),
    IMAGING("imaging"),
    MENTAL_HEALTH("mental-health"),
    SEXUAL_HEALTH("sexual-health"),
    SUBSTANCE_USE("substance-use"),
    GENOMICS("genomics"),
    FINANCIAL("financial");

    /** HL7 v3 ActCode sensitivity labels in {@code meta.security} that move a resource into a sensitive category. */
    private static final Map<String, ResourceCategory> SENSITIVITY_LABELS = Map.of(
            "PSY", MENTAL_HEALTH, "PSYTHPN", MENTAL_HEALTH, "SEX", SEXUAL_HEALTH, "HIV", SEXUAL_HEALTH,
            "SDV", SEXUAL_HEALTH, "ETH", SUBSTANCE_USE, "SUD", SUBSTANCE_USE, "GDIS", GENOMICS);

    /** The category of each resource type that holds patient data; types not listed here count as demographics. */
    private static final Map<String, ResourceCategory> OF_TYPE = Map.ofEntries(
            Map.entry("Encounter", ENCOUNTERS), Map.entry("EpisodeOfCare", ENCOUNTERS),
            Map.entry("Appointment", ENCOUNTERS), Map.entry("Observation", OBSERVATIONS),
            Map.entry("DiagnosticReport", LABORATORY), Map.entry("Specimen", LABORATORY),
            Map.entry("Condition", CONDITIONS), Map.entry("MedicationRequest", MEDICATIONS),
            Map.entry("MedicationStatement", MEDICATIONS), Map.entry("MedicationAdministration", MEDICATIONS),
            Map.entry("MedicationDispense", MEDICATIONS), Map.entry("AllergyIntolerance", ALLERGIES),
            Map.entry("Procedure", PROCEDURES), Map.entry("Immunization", IMMUNIZATIONS),
            Map.entry("DocumentReference", DOCUMENTS), Map.entry("Composition", DOCUMENTS),
            Map.entry("Binary", DOCUMENTS), Map.entry("Media", IMAGING), Map.entry("ImagingStudy", IMAGING),
            Map.entry("MolecularSequence", GENOMICS), Map.entry("Claim", FINANCIAL),
            Map.entry("ExplanationOfBenefit", FINANCIAL), Map.entry("Coverage", FINANCIAL),
            Map.entry("Account", FINANCIAL), Map.entry("Invoice", FINANCIAL));

    private final String code;

    ResourceCategory(String code) {
        this.code = code;
    }

    public String code() {
        return code;
    }

    public int bit() {
        return 1 << ordinal();
    }

    public static Optional<ResourceCategory> ofCode(String code) {
        return Arrays.stream(values()).filter(c -> c.code.equals(code)).findFirst();
    }

    /** The category a sensitivity label puts a resource in, if the label is one of those that matter here. */
    public static Optional<ResourceCategory> ofSensitivityLabel(String actCode) {
        return Optional.ofNullable(SENSITIVITY_LABELS.get(actCode));
    }

    /** The category of a resource type's data before labels refine it (Patient and unlisted types: demographics). */
    public static ResourceCategory ofResourceType(String resourceType) {
        return OF_TYPE.getOrDefault(resourceType, DEMOGRAPHICS);
    }

    public static int mask(Collection<ResourceCategory> categories) {
        return categories.stream().mapToInt(ResourceCategory::bit).reduce(0, (a, b) -> a | b);
    }
}
