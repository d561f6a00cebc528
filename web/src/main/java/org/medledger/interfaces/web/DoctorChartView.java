package org.medledger.interfaces.web;

import jakarta.ejb.EJB;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;
import java.math.BigDecimal;
import java.time.LocalDate;
import org.medledger.application.InvalidRecordException;
import org.medledger.application.RecordNotFoundException;
import org.medledger.application.portal.ClinicalRecords;
import org.medledger.application.portal.ConditionEntry;
import org.medledger.application.portal.ObservationEntry;
import org.medledger.application.portal.PatientChart;
import org.medledger.application.portal.PortalAccessDeniedException;
import org.medledger.application.portal.PrescriptionEntry;

/** Doctor or nurse: one patient's chart, and what a clinician adds to it after an appointment. */
@Named
@ViewScoped
public class DoctorChartView implements Serializable {

    private static final long serialVersionUID = 1L;

    @EJB
    private ClinicalRecords clinical;

    @Inject
    private CurrentUser user;

    private String patientId;
    private PatientChart chart;
    private String what;
    private BigDecimal value;
    private String unit;
    private String condition;
    private String clinicalStatus = "active";
    private LocalDate onset;
    private String medication;
    private String dosage;
    private String note;

    public void load() {
        try {
            chart = clinical.chartForDoctor(user.username(), patientId);
        } catch (PortalAccessDeniedException e) {
            chart = null;
            PageMessages.error("No access", e.getMessage());
        } catch (RecordNotFoundException e) {
            chart = null;
            PageMessages.error("Not found", "There is no such patient here.");
        }
    }

    public void recordObservation() {
        if (written("Observation recorded", () -> clinical.recordObservation(user.username(), patientId,
                new ObservationEntry(what, value, unit)))) {
            what = unit = null;
            value = null;
        }
    }

    public void recordCondition() {
        if (written("Condition recorded", () -> clinical.recordCondition(user.username(), patientId,
                new ConditionEntry(condition, clinicalStatus, onset)))) {
            condition = null;
            clinicalStatus = "active";
            onset = null;
        }
    }

    public void recordPrescription() {
        if (written("Prescription recorded", () -> clinical.recordPrescription(user.username(), patientId,
                new PrescriptionEntry(medication, dosage)))) {
            medication = dosage = null;
        }
    }

    public void recordNote() {
        if (written("Note recorded", () -> clinical.recordNote(user.username(), patientId, note))) {
            note = null;
        }
    }

    /** Runs one write, shows what happened, reloads the chart; true when it was stored. */
    private boolean written(String done, Runnable write) {
        boolean stored = false;
        try {
            write.run();
            PageMessages.info(done, "It is anchored on chain in a few seconds.");
            stored = true;
        } catch (InvalidRecordException e) {
            PageMessages.error("Not recorded", e.getMessage());
        } catch (PortalAccessDeniedException e) {
            PageMessages.error("No access", e.getMessage());
        }
        load();
        return stored;
    }

    public PatientChart getChart() {
        return chart;
    }

    /** The Chart.js configuration of the vitals chart, or null when nothing was measured. */
    public String getVitalsChart() {
        return chart == null ? null : VitalsChart.of(chart.vitals());
    }

    public String getVitalsDescription() {
        return chart == null ? "" : VitalsChart.description(chart.vitals());
    }

    public String getPatientId() {
        return patientId;
    }

    public void setPatientId(String patientId) {
        this.patientId = patientId;
    }

    public String getWhat() { return what; }
    public void setWhat(String v) { what = v; }
    public BigDecimal getValue() { return value; }
    public void setValue(BigDecimal v) { value = v; }
    public String getUnit() { return unit; }
    public void setUnit(String v) { unit = v; }
    public String getCondition() { return condition; }
    public void setCondition(String v) { condition = v; }
    public String getClinicalStatus() { return clinicalStatus; }
    public void setClinicalStatus(String v) { clinicalStatus = v; }
    public LocalDate getOnset() { return onset; }
    public void setOnset(LocalDate v) { onset = v; }
    public String getMedication() { return medication; }
    public void setMedication(String v) { medication = v; }
    public String getDosage() { return dosage; }
    public void setDosage(String v) { dosage = v; }
    public String getNote() { return note; }
    public void setNote(String v) { note = v; }
}
