package org.medledger.interfaces.web;

import jakarta.ejb.EJB;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.IOException;
import java.io.InputStream;
import org.medledger.application.InvalidRecordException;
import org.medledger.application.portal.ChartDocuments;
import org.medledger.application.portal.DocumentUpload;
import org.medledger.application.portal.PortalAccessDeniedException;
import org.primefaces.model.file.UploadedFile;

/**
 * A document uploaded to a chart: by a doctor to the patient whose chart is open, or by a patient (a test report) to
 * their own. The chart shown is reloaded afterwards, so the new document appears at once.
 */
@Named
@RequestScoped
public class ChartDocumentUploadView {

    @EJB
    private ChartDocuments documents;

    @Inject
    private CurrentUser user;

    @Inject
    private DoctorChartView doctorChart;

    @Inject
    private MyRecordsView myRecords;

    private String title;
    private UploadedFile file;

    public void attachToPatientChart() {
        upload("Document uploaded", "It is anchored on chain in a few seconds.",
                content -> documents.attach(user.username(), doctorChart.getPatientId(), content));
        doctorChart.load();
    }

    public void uploadTestReport() {
        upload("Test report uploaded", "Your doctors see it on your chart; it is anchored on chain in a few seconds.",
                content -> documents.uploadTestReport(user.username(), content));
        myRecords.load();
    }

    private void upload(String done, String detail, Upload action) {
        try (InputStream content = file == null ? null : file.getInputStream()) {
            action.store(new DocumentUpload(file == null ? null : file.getFileName(), title,
                    file == null ? 0 : file.getSize(), content));
            PageMessages.info(done, detail);
            title = null;
        } catch (InvalidRecordException e) {
            PageMessages.error("Not uploaded", e.getMessage());
        } catch (PortalAccessDeniedException e) {
            PageMessages.error("No access", e.getMessage());
        } catch (IOException e) {
            PageMessages.error("Not uploaded", "The file could not be read; choose it again.");
        }
    }

    /** One of the two uploads. */
    @FunctionalInterface
    private interface Upload {
        void store(DocumentUpload upload);
    }

    public String getTitle() { return title; }
    public void setTitle(String v) { title = v; }
    public UploadedFile getFile() { return file; }
    public void setFile(UploadedFile v) { file = v; }
}
