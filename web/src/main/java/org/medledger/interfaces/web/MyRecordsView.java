package org.medledger.interfaces.web;

import jakarta.ejb.EJB;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.IOException;
import java.io.InputStream;
import org.medledger.application.InvalidRecordException;
import org.medledger.application.RecordNotFoundException;
import org.medledger.application.portal.ChartDocuments;
import org.medledger.application.portal.ClinicalRecords;
import org.medledger.application.portal.DocumentUpload;
import org.medledger.application.portal.PatientChart;
import org.medledger.application.portal.PortalAccessDeniedException;
import org.primefaces.model.file.UploadedFile;

/** Patient: my own chart, my data as a FHIR Bundle, and a test report I upload for my doctors. */
@Named
@RequestScoped
public class MyRecordsView {

    @EJB
    private ClinicalRecords clinical;

    @EJB
    private ChartDocuments documents;

    @Inject
    private CurrentUser user;

    private PatientChart chart;
    private String reportTitle;
    private UploadedFile report;

    /** Run by the page's view action, before rendering, so its messages are shown. */
    public void load() {
        try {
            chart = clinical.myChart(user.username());
        } catch (PortalAccessDeniedException | RecordNotFoundException e) {
            PageMessages.error("No records", "This login is not linked to a patient record here.");
        }
    }

    public void uploadTestReport() {
        try (InputStream content = report == null ? null : report.getInputStream()) {
            documents.uploadTestReport(user.username(), new DocumentUpload(report == null ? null : report.getFileName(),
                    reportTitle, report == null ? 0 : report.getSize(), content));
            PageMessages.info("Test report uploaded", "Your doctors see it on your chart; it is anchored on chain "
                    + "in a few seconds.");
            reportTitle = null;
        } catch (InvalidRecordException e) {
            PageMessages.error("Not uploaded", e.getMessage());
        } catch (PortalAccessDeniedException e) {
            PageMessages.error("Not uploaded", e.getMessage());
        } catch (IOException e) {
            PageMessages.error("Not uploaded", "The file could not be read; choose it again.");
        }
        load();
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

    public String getReportTitle() { return reportTitle; }
    public void setReportTitle(String v) { reportTitle = v; }
    public UploadedFile getReport() { return report; }
    public void setReport(UploadedFile v) { report = v; }
}
