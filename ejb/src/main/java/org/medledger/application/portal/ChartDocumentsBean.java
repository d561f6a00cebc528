package org.medledger.application.portal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.io.BufferedInputStream;
import java.io.ByteArrayInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.List;
import org.medledger.application.BinaryContentService;
import org.medledger.application.BlobAttachments;
import org.medledger.application.InvalidRecordException;
import org.medledger.application.RecordNotFoundException;
import org.medledger.application.RecordService;
import org.medledger.application.StoredResource;
import org.medledger.domain.model.consent.ResourceCategory;
import org.medledger.domain.model.identity.Role;
import org.medledger.domain.model.identity.UserAccount;
import org.medledger.infrastructure.config.MedLedgerSettings;

@Stateless
public class ChartDocumentsBean implements ChartDocuments {

    private static final int TITLE_MAX_CHARS = 200;

    @PersistenceContext(unitName = "medledger")
    private EntityManager em;

    @EJB
    private RecordService records;

    @EJB
    private BinaryContentService binaries;

    @EJB
    private PortalCallers callers;

    @EJB
    private ChartRecords chart;

    @Override
    public ChartEntry attach(String doctorUsername, String patientId, DocumentUpload upload) {
        var credential = callers.verifiedClinician(doctorUsername);
        chart.patient(patientId);
        if (!chart.mayRead(patientId, callers.clinician(credential, patientId), ResourceCategory.DOCUMENTS)) {
            throw new PortalAccessDeniedException("This patient has not given you access to their documents");
        }
        UserAccount doctor = callers.clinicianAccount(doctorUsername);
        ObjectNode type = ChartRecords.JSON.createObjectNode().put("text", "Clinical document");
        type.withArray("coding").addObject().put("system", "http://loinc.org").put("code", "34133-9")
                .put("display", "Summary of episode note");
        ObjectNode category = ChartRecords.JSON.createObjectNode();
        category.withArray("coding").addObject()
                .put("system", "http://hl7.org/fhir/us/core/CodeSystem/us-core-documentreference-category")
                .put("code", "clinical-note").put("display", "Clinical Note");
        return store(doctorUsername, doctor.getRole(), patientId, doctor.getFhirReference(), type, category, upload);
    }

    @Override
    public ChartEntry uploadTestReport(String patientUsername, DocumentUpload upload) {
        String patientId = callers.patientIdOf(patientUsername);
        chart.patient(patientId);
        ObjectNode type = ChartRecords.JSON.createObjectNode().put("text", "Test report");
        type.withArray("coding").addObject().put("system", "http://loinc.org").put("code", "11502-2")
                .put("display", "Laboratory report");
        ObjectNode category = ChartRecords.JSON.createObjectNode().put("text", "Laboratory");
        category.withArray("coding").addObject().put("system", "http://terminology.hl7.org/CodeSystem/v2-0074")
                .put("code", "LAB").put("display", "Laboratory");
        return store(patientUsername, Role.PATIENT, patientId, "Patient/" + patientId, type, category, upload);
    }

    @Override
    public DocumentContent open(String username, String documentReferenceId) {
        UserAccount user = username == null ? null : em.find(UserAccount.class, username);
        StoredResource document = chart.current("DocumentReference", documentReferenceId)
                .orElseThrow(() -> new RecordNotFoundException("DocumentReference"));
        String patientId = ChartRecords.patientOf(document)
                .orElseThrow(() -> new RecordNotFoundException("DocumentReference"));
        Role role = user == null ? null : user.getRole();
        if (role == Role.PATIENT) {
            if (!patientId.equals(callers.patientIdOf(username))) {
                throw new RecordNotFoundException("DocumentReference");
            }
        } else if (role == Role.DOCTOR || role == Role.NURSE) {
            var credential = callers.verifiedClinician(username);
            if (!chart.mayRead(patientId, callers.clinician(credential, patientId), ChartRecords.categoryOf(document))) {
                throw new PortalAccessDeniedException("This patient has not given you access to this document");
            }
        } else {
            throw new PortalAccessDeniedException("Documents are for the patient and the clinicians they allow");
        }
        JsonNode attachment = ChartRecords.parse(document).path("content").path(0).path("attachment");
        String title = attachment.path("title").asText("");
        String reference = attachment.path("url").asText("");
        DocumentContent content;
        List<String> released;
        if (attachment.hasNonNull("data")) {
            byte[] bytes = Base64.getDecoder().decode(attachment.path("data").asText());
            String contentType = attachment.path("contentType").asText("application/octet-stream");
            String name = contentType.startsWith("text/plain") ? "note-" + document.id() + ".txt"
                    : DocumentFormats.safeFileName(title, contentType);
            content = new DocumentContent(name, contentType, bytes.length, new ByteArrayInputStream(bytes));
            released = List.of("DocumentReference/" + document.id(), "Patient/" + patientId);
        } else if (reference.startsWith("Binary/")) {
            StoredResource binary = chart.current("Binary", reference.substring("Binary/".length()))
                    .orElseThrow(() -> new RecordNotFoundException("Binary"));
            String contentType = ChartRecords.parse(binary).path("contentType").asText();
            BlobAttachments.Content bytes = binaries.content(binary.id(), binary.version())
                    .orElseThrow(() -> new RecordNotFoundException("Binary"));
            content = new DocumentContent(DocumentFormats.safeFileName(title, contentType), contentType, bytes.size(),
                    bytes.stream());
            released = List.of("DocumentReference/" + document.id(), "Binary/" + binary.id(), "Patient/" + patientId);
        } else {
            throw new RecordNotFoundException("Binary");
        }
        chart.audit("read", "R", username, role, released);
        return content;
    }

    /**
     * Checks the file (size, real content type), streams it encrypted into the blob store, and records the Binary
     * that claims it and the DocumentReference pointing to that Binary.
     */
    private ChartEntry store(String username, Role role, String patientId, String author, ObjectNode type,
                             ObjectNode category, DocumentUpload upload) {
        long maxBytes = MedLedgerSettings.portalDocumentMaxBytes();
        if (upload == null || upload.content() == null || upload.size() <= 0) {
            throw new InvalidRecordException("Choose a PDF or image file to upload");
        }
        if (upload.size() > maxBytes) {
            throw new InvalidRecordException("The file is larger than " + megabytes(maxBytes) + " MB");
        }
        String title = upload.title() == null ? "" : upload.title().strip();
        if (title.isEmpty() || title.length() > TITLE_MAX_CHARS) {
            throw new InvalidRecordException("Enter a title for the document (at most " + TITLE_MAX_CHARS
                    + " characters)");
        }
        String token = null;
        try {
            BufferedInputStream in = new BufferedInputStream(upload.content());
            in.mark(DocumentFormats.HEAD_BYTES);
            byte[] head = in.readNBytes(DocumentFormats.HEAD_BYTES);
            in.reset();
            String contentType = DocumentFormats.contentTypeOf(head).orElseThrow(() -> new InvalidRecordException(
                    "The file is not a PDF, PNG or JPEG document (its content was checked, not its name)"));
            CountingInput counted = new CountingInput(in, maxBytes);
            token = binaries.stageUpload(counted);
            String fileName = DocumentFormats.safeFileName(upload.fileName(), contentType);

            ObjectNode binary = ChartRecords.JSON.createObjectNode().put("resourceType", "Binary")
                    .put("contentType", contentType);
            binary.putObject("securityContext").put("reference", "Patient/" + patientId);
            binary.putObject("_data").withArray("extension").addObject().put("url", BlobAttachments.STAGED_URL)
                    .put("valueString", token);
            StoredResource storedBinary = records.create("Binary", binary.toString());

            ObjectNode document = ChartRecords.JSON.createObjectNode().put("resourceType", "DocumentReference")
                    .put("status", "current");
            document.set("type", type);
            document.withArray("category").add(category);
            document.putObject("subject").put("reference", "Patient/" + patientId);
            document.put("date", Instant.now().truncatedTo(ChronoUnit.SECONDS).toString());
            if (author != null) {
                document.withArray("author").addObject().put("reference", author);
            }
            document.put("description", title);
            document.withArray("content").addObject().putObject("attachment").put("contentType", contentType)
                    .put("url", "Binary/" + storedBinary.id()).put("size", counted.count()).put("title", fileName)
                    .put("creation", Instant.now().truncatedTo(ChronoUnit.SECONDS).toString());
            StoredResource stored = records.create("DocumentReference", document.toString());
            chart.audit("create", "C", username, role, List.of("DocumentReference/" + stored.id(),
                    "Binary/" + storedBinary.id(), "Patient/" + patientId));
            return chart.entry(stored);
        } catch (TooLargeException e) {
            throw new InvalidRecordException("The file is larger than " + megabytes(maxBytes) + " MB");
        } catch (IOException e) {
            throw new UncheckedIOException("The uploaded file could not be read to its end", e);
        } finally {
            if (token != null) {
                binaries.discardUpload(token);
            }
        }
    }

    private static long megabytes(long bytes) {
        return bytes / (1024 * 1024);
    }

    /** The upload's bytes, counted, refused past the size limit whatever size the browser declared. */
    private static final class CountingInput extends FilterInputStream {

        private final long limit;
        private long count;

        CountingInput(InputStream in, long limit) {
            super(in);
            this.limit = limit;
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b != -1) {
                counted(1);
            }
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = super.read(buffer, offset, length);
            if (n > 0) {
                counted(n);
            }
            return n;
        }

        private void counted(int n) throws TooLargeException {
            count += n;
            if (count > limit) {
                throw new TooLargeException();
            }
        }

        long count() {
            return count;
        }
    }

    private static final class TooLargeException extends IOException {

        private static final long serialVersionUID = 1L;
    }
}
