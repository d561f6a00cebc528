package org.medledger.application.portal;

import java.util.List;

/**
 * Charts as the portal shows them: a verified doctor or nurse sees what the consent policy lets them see (every view
 * and write is audited); a patient sees their own records, read-only. Every write goes through the record service
 * (encrypted, hashed, anchored) and needs the patient's consent to the category it adds to.
 */
public interface ClinicalRecords {

    /** Patients registered here whose records the doctor may see now, their names matching {@code query} if given. */
    List<PatientSummary> patientsOf(String doctorUsername, String query);

    /** A patient's chart as the doctor may see it; audited as a read. */
    PatientChart chartForDoctor(String doctorUsername, String patientId);

    /** The signed-in patient's own chart. */
    PatientChart myChart(String patientUsername);

    /** Records an Observation on the patient's chart, performed by the doctor; audited as a create. */
    ChartEntry recordObservation(String doctorUsername, String patientId, ObservationEntry observation);

    /** Records a Condition (diagnosis) asserted by the doctor; audited as a create. */
    ChartEntry recordCondition(String doctorUsername, String patientId, ConditionEntry condition);

    /** Records a MedicationRequest (an order) by the doctor; audited as a create. */
    ChartEntry recordPrescription(String doctorUsername, String patientId, PrescriptionEntry prescription);

    /** Records a clinical note (a DocumentReference holding the text) written by the doctor; audited as a create. */
    ChartEntry recordNote(String doctorUsername, String patientId, String note);
}
