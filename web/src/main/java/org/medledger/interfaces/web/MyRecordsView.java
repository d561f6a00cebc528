package org.medledger.interfaces.web;

import jakarta.ejb.EJB;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import org.medledger.application.RecordNotFoundException;
import org.medledger.application.portal.ClinicalRecords;
import org.medledger.application.portal.PatientChart;
import org.medledger.application.portal.PortalAccessDeniedException;

/** Patient: my own chart, read-only. */
@Named
@RequestScoped
public class MyRecordsView {

    @EJB
    private ClinicalRecords clinical;

    @Inject
    private CurrentUser user;

    private PatientChart chart;

    /** Run by the page's view action, before rendering, so its messages are shown. */
    public void load() {
        try {
            chart = clinical.myChart(user.username());
        } catch (PortalAccessDeniedException | RecordNotFoundException e) {
            PageMessages.error("No records", "This login is not linked to a patient record here.");
        }
    }

    public PatientChart getChart() {
        return chart;
    }

    public String getVitalsChart() {
        return chart == null ? null : VitalsChart.of(chart.vitals());
    }

    public String getVitalsDescription() {
        return chart == null ? "" : VitalsChart.description(chart.vitals());
    }

}
