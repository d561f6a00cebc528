package org.medledger.application.portal;

/**
 * Documents on a chart (PDF or image files, DocumentReferences whose content is a Binary in the encrypted blob
 * store): a doctor attaches them after an appointment, a patient uploads a test report for their doctors, and either
 * downloads what they may read. Every upload and download is audited.
 */
public interface ChartDocuments {

    /** A doctor attaches a document to the patient's chart (needs consent to the patient's documents). */
    ChartEntry attach(String doctorUsername, String patientId, DocumentUpload upload);

    /** The signed-in patient uploads a test report (laboratory report) to their own chart. */
    ChartEntry uploadTestReport(String patientUsername, DocumentUpload upload);

    /**
     * A document's content for the signed-in doctor or patient: a patient only their own, a doctor what the consent
     * policy lets them see.
     */
    DocumentContent open(String username, String documentReferenceId);
}
