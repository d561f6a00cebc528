package org.medledger.application.consent;

/**
 * The keyed stand-ins a research (HRESCH) release uses in place of what would identify a patient: pseudonymous
 * resource ids and a per-patient date shift, under a key only this hospital holds.
 */
public interface ResearchPseudonyms {

    /** The stable pseudonymous id of {@code resourceType/id} in research releases. */
    String idOf(String resourceType, String id);

    /** Whole days (never zero) by which every date in the patient's released records is moved. */
    int dateShiftDays(String patientId);
}
