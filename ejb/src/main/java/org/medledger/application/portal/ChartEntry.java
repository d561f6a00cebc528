package org.medledger.application.portal;

import java.io.Serializable;
import java.util.Map;

/** One record on a chart: its current version, what it says in a line, and whether that version is anchored yet. */
public record ChartEntry(String reference, String type, int version, String when, String summary, boolean anchored)
        implements Serializable {

    private static final Map<String, String> KINDS = Map.of("MedicationRequest", "Prescription",
            "AllergyIntolerance", "Allergy", "DocumentReference", "Document");

    public String anchoring() {
        return anchored ? "Anchored on chain" : "Pending anchoring";
    }

    /** The kind of record in the words the chart uses. */
    public String kind() {
        return KINDS.getOrDefault(type, type);
    }

    /** Whether the record is a document whose content can be downloaded. */
    public boolean document() {
        return "DocumentReference".equals(type);
    }

    /** The id part of the reference. */
    public String id() {
        return reference.substring(reference.indexOf('/') + 1);
    }
}
