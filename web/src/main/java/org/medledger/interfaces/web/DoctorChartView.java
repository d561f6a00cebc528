package org.medledger.interfaces.web;

import jakarta.ejb.EJB;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;
import java.math.BigDecimal;
import org.medledger.application.InvalidRecordException;
import org.medledger.application.RecordNotFoundException;
import org.medledger.application.portal.ClinicalRecords;
import org.medledger.application.portal.ObservationEntry;
import org.medledger.application.portal.PatientChart;
import org.medledger.application.portal.PortalAccessDeniedException;

/** Doctor or nurse: one patient's chart, and recording an observation on it. */
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
        try {
            clinical.recordObservation(user.username(), patientId, new ObservationEntry(what, value, unit));
            PageMessages.info("Observation recorded", "It is anchored on chain in a few seconds.");
            what = unit = null;
            value = null;
        } catch (InvalidRecordException e) {
            PageMessages.error("Not recorded", e.getMessage());
        } catch (PortalAccessDeniedException e) {
            PageMessages.error("No access", e.getMessage());
        }
        load();
    }

    public PatientChart getChart() {
        return chart;
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
}
