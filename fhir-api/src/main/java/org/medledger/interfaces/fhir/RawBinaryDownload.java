package org.medledger.interfaces.fhir;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.rest.api.EncodingEnum;
import ca.uhn.fhir.rest.api.RestOperationTypeEnum;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.api.server.ResponseDetails;
import ca.uhn.fhir.rest.server.RestfulServerUtils;
import io.undertow.servlet.handlers.ServletRequestContext;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.util.Optional;
import java.util.logging.Logger;
import org.hl7.fhir.r4.model.Binary;
import org.medledger.application.BinaryContentService;
import org.medledger.application.BlobAttachments;
import org.medledger.infrastructure.crypto.PayloadIntegrityException;

/**
 * {@code GET /fhir/Binary/[id]} (or a version) asking for the Binary's own content type rather than FHIR (HAPI's
 * rule: no FHIR {@code Accept} or {@code _format}, or the Binary's content type): when the content is in the blob
 * store and too large to be held in the resource, its bytes are streamed from the store to the client, decrypted as
 * they go. This runs last on the outgoing response, after the consent check (a refusal has already replaced the
 * Binary by an OperationOutcome, which is then answered as usual) and after the access audit.
 *
 * <p>The blob's tag is checked at its end; an altered blob is cut off before its last bytes and the connection is
 * closed short of the announced length, so a client never receives a complete-looking altered file.
 */
@Interceptor
public class RawBinaryDownload {

    private static final Logger LOG = Logger.getLogger(RawBinaryDownload.class.getName());

    private final BinaryContentService binaries;

    public RawBinaryDownload(BinaryContentService binaries) {
        this.binaries = binaries;
    }

    @Hook(value = Pointcut.SERVER_OUTGOING_RESPONSE, order = 1000)
    public boolean stream(RequestDetails request, ResponseDetails response, HttpServletResponse servletResponse)
            throws IOException {
        if (!(response.getResponseResource() instanceof Binary binary) || binary.getContent() != null
                || !binary.getDataElement().hasExtension(BlobAttachments.SHA256_URL)
                || (request.getRestOperationType() != RestOperationTypeEnum.READ
                && request.getRestOperationType() != RestOperationTypeEnum.VREAD)
                || !wantsRawContent(request, binary)) {
            return true;
        }
        String id = binary.getIdElement().getIdPart();
        int version = Integer.parseInt(binary.getMeta().getVersionId());
        Optional<BlobAttachments.Content> content = binaries.content(id, version);
        if (content.isEmpty()) {
            return true;
        }
        servletResponse.setStatus(200);
        servletResponse.setContentType(binary.getContentType());
        servletResponse.setContentLengthLong(content.get().size());
        servletResponse.setHeader("ETag", "W/\"" + version + "\"");
        servletResponse.setHeader("Content-Location", request.getFhirServerBase() + "/Binary/" + id + "/_history/"
                + version);
        servletResponse.setHeader("Content-Disposition", "Attachment;");
        if (binary.hasSecurityContext() && binary.getSecurityContext().hasReference()) {
            servletResponse.setHeader("X-Security-Context", binary.getSecurityContext().getReference());
        }
        try (InputStream in = content.get().stream()) {
            in.transferTo(servletResponse.getOutputStream());
        } catch (PayloadIntegrityException e) {
            // The status line is long gone; all that is left is not to finish the announced length.
            LOG.severe("INTEGRITY ALERT: Binary/" + id + "/_history/" + version + " failed its check while being "
                    + "streamed; the connection was closed short of its length: " + e.getMessage());
            ServletRequestContext.requireCurrent().getExchange().setPersistent(false);
        }
        return false;
    }

    /** HAPI's own rule for answering a Binary read with its raw content rather than FHIR. */
    private static boolean wantsRawContent(RequestDetails request, Binary binary) {
        RestfulServerUtils.ResponseEncoding encoding = RestfulServerUtils.determineResponseEncodingNoDefault(request,
                request.getServer().getDefaultResponseEncoding());
        if (encoding == null) {
            return true;
        }
        String contentType = binary.getContentType();
        if (contentType == null || contentType.isBlank()) {
            return "application/octet-stream".equals(encoding.getContentType());
        }
        EncodingEnum fhirEncoding = EncodingEnum.forContentTypeStrict(encoding.getContentType());
        if (fhirEncoding != null && fhirEncoding != EncodingEnum.NDJSON) {
            return false;
        }
        return contentType.equalsIgnoreCase(encoding.getContentType());
    }
}
