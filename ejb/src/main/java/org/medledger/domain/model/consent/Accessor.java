package org.medledger.domain.model.consent;

import java.util.Objects;

/**
 * Who asks for a patient's data. Ids are 32-byte hex strings like the chain's: {@code hospital} is the consortium
 * member id of the accessor's hospital, {@code practitioner} the grantee id of a clinician, {@code patient} the
 * pseudonym of a patient acting for themselves. {@code treating} says whether a clinician has a treating
 * relationship with the patient at their own hospital.
 */
public record Accessor(Kind kind, String hospital, String practitioner, String patient, boolean treating) {

    public enum Kind {
        /** A doctor or nurse. */
        CLINICIAN,
        /** Administrators, auditors, operators: no clinical role. */
        NON_CLINICAL_STAFF,
        /** A hospital system calling the FHIR API with a backend token. */
        HOSPITAL_SYSTEM,
        /** A patient reading their own records. */
        PATIENT
    }

    public Accessor {
        Objects.requireNonNull(kind, "kind");
    }

    /** Who a break-glass declaration names: the clinician, or for a hospital system its hospital. */
    public String emergencyId() {
        return kind == Kind.CLINICIAN ? practitioner : hospital;
    }

    public static Accessor clinician(String hospital, String practitioner, boolean treating) {
        return new Accessor(Kind.CLINICIAN, Objects.requireNonNull(hospital), Objects.requireNonNull(practitioner),
                null, treating);
    }

    public static Accessor nonClinicalStaff(String hospital) {
        return new Accessor(Kind.NON_CLINICAL_STAFF, Objects.requireNonNull(hospital), null, null, false);
    }

    public static Accessor hospitalSystem(String hospital) {
        return new Accessor(Kind.HOSPITAL_SYSTEM, Objects.requireNonNull(hospital), null, null, false);
    }

    public static Accessor patient(String pseudonym) {
        return new Accessor(Kind.PATIENT, null, null, Objects.requireNonNull(pseudonym), false);
    }
}
