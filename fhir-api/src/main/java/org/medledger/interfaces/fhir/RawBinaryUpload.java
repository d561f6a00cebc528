package org.medledger.interfaces.fhir;

import ca.uhn.fhir.rest.api.EncodingEnum;
import io.undertow.server.RequestTooBigException;
import jakarta.ejb.EJB;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import java.util.regex.Pattern;
import org.medledger.application.BinaryContentService;
import org.medledger.application.BlobAttachments;
import org.medledger.infrastructure.config.MedLedgerSettings;

/**
 * {@code POST /fhir/Binary} and {@code PUT /fhir/Binary/[id]} with a non-FHIR content type (e.g.
 * {@code application/pdf}): the raw body is streamed, encrypted, into the blob store before HAPI sees the request, and
 * HAPI then gets a small FHIR JSON Binary naming the staged upload. So the write goes through everything a FHIR write
 * goes through (authorization and scopes, validation, the record store with its hash and anchoring, audit) without
 * HAPI reading the body into memory, which it would do for a raw Binary. An upload no write claims is deleted.
 *
 * <p>Raw bodies may be up to {@code medledger.blob.max-upload-bytes} (1 GiB by default), above the
 * {@code medledger.http.max-post-size} that holds for FHIR bodies; larger ones get 413 with an OperationOutcome.
 */
@WebFilter(urlPatterns = {"/Binary", "/Binary/*"})
public class RawBinaryUpload extends HttpFilter {

    private static final long serialVersionUID = 1L;
    private static final java.util.logging.Logger LOG = java.util.logging.Logger.getLogger(RawBinaryUpload.class.getName());
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9\\-.]{1,64}");

    @EJB
    private transient BinaryContentService binaries;

    private final long maxUpload = MedLedgerSettings.blobMaxUploadBytes();
    private final boolean anonymousAccess = Boolean.parseBoolean(MedLedgerSettings.value(
            "medledger.fhir.anonymous-access").orElse(Boolean.toString(MedLedgerSettings.demoMode())));

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        if (!isRawUpload(request)) {
            chain.doFilter(request, response);
            return;
        }
        String contentType = request.getContentType();
        String id = binaryIdOf(request);
        String mediaType = contentType.split(";")[0].strip().toLowerCase(java.util.Locale.ROOT);
        if (!mediaType.matches("[a-z0-9!#$&^_.+-]+/[a-z0-9!#$&^_.+-]+")) {
            refuse(response, 400, "invalid", "The Content-Type is not a media type");
            return;
        }
        if (request.getContentLengthLong() > maxUpload) {
            refuse(response, 413, "too-costly", "The body has " + request.getContentLengthLong()
                    + " bytes; this server accepts raw Binary content up to " + maxUpload
                    + " bytes (medledger.blob.max-upload-bytes)");
            return;
        }
        if (request.getHeader("Authorization") == null && !anonymousAccess) {
            // Nothing is stored for a caller who is not signed in; HAPI answers 401 for the Binary below.
            chain.doFilter(new FhirJsonRequest(request, binaryJson(id, mediaType, null, request)), response);
            return;
        }
        String token;
        try (InputStream body = request.getInputStream()) {
            token = binaries.stageUpload(body);
        } catch (RequestTooBigException e) {
            refuse(response, 413, "too-costly", "The body is larger than " + maxUpload
                    + " bytes (medledger.blob.max-upload-bytes)");
            return;
        } catch (IOException e) {
            LOG.warning("A raw Binary upload failed while being read: " + e.getClass().getName());
            refuse(response, 400, "incomplete", "The body could not be read to its end");
            return;
        }
        try {
            chain.doFilter(new FhirJsonRequest(request, binaryJson(id, mediaType, token, request)), response);
        } finally {
            binaries.discardUpload(token);
        }
    }

    /** A create or update of a Binary whose body is not FHIR: the bytes themselves. */
    static boolean isRawUpload(HttpServletRequest request) {
        String path = pathOf(request);
        if (!path.equals("/Binary") && !path.startsWith("/Binary/")) {
            return false;
        }
        String id = binaryIdOf(request);
        boolean write = ("POST".equals(request.getMethod()) && id == null)
                || ("PUT".equals(request.getMethod()) && id != null && ID.matcher(id).matches());
        String contentType = request.getContentType();
        return write && contentType != null && !contentType.isBlank()
                && EncodingEnum.forContentType(contentType) == null;
    }

    private static String pathOf(HttpServletRequest request) {
        return request.getPathInfo() == null ? request.getServletPath()
                : request.getServletPath() + request.getPathInfo();
    }

    private static String binaryIdOf(HttpServletRequest request) {
        String path = pathOf(request);
        return path.startsWith("/Binary/") ? path.substring("/Binary/".length()) : null;
    }

    private static String binaryJson(String id, String mediaType, String token, HttpServletRequest request) {
        StringBuilder json = new StringBuilder("{\"resourceType\":\"Binary\"");
        if (id != null) {
            json.append(",\"id\":\"").append(id).append('"');
        }
        json.append(",\"contentType\":\"").append(mediaType).append('"');
        String securityContext = request.getHeader("X-Security-Context");
        if (securityContext != null && securityContext.matches("[A-Za-z]+/[A-Za-z0-9\\-.]{1,64}")) {
            json.append(",\"securityContext\":{\"reference\":\"").append(securityContext).append("\"}");
        }
        if (token != null) {
            json.append(",\"_data\":{\"extension\":[{\"url\":\"").append(BlobAttachments.STAGED_URL)
                    .append("\",\"valueString\":\"").append(token).append("\"}]}");
        }
        return json.append('}').toString();
    }

    private static void refuse(HttpServletResponse response, int status, String code, String diagnostics)
            throws IOException {
        response.setStatus(status);
        response.setContentType("application/fhir+json;charset=utf-8");
        response.getWriter().write("{\"resourceType\":\"OperationOutcome\",\"issue\":[{\"severity\":\"error\","
                + "\"code\":\"" + code + "\",\"diagnostics\":\"" + diagnostics.replace("\"", "'") + "\"}]}");
    }

    /** The original request with a FHIR JSON body in place of the raw bytes. */
    private static final class FhirJsonRequest extends HttpServletRequestWrapper {

        private static final String CONTENT_TYPE = "application/fhir+json;charset=utf-8";
        private final byte[] body;

        FhirJsonRequest(HttpServletRequest request, String json) {
            super(request);
            this.body = json.getBytes(StandardCharsets.UTF_8);
        }

        @Override
        public String getContentType() {
            return CONTENT_TYPE;
        }

        @Override
        public String getCharacterEncoding() {
            return "UTF-8";
        }

        @Override
        public int getContentLength() {
            return body.length;
        }

        @Override
        public long getContentLengthLong() {
            return body.length;
        }

        @Override
        public String getHeader(String name) {
            if ("Content-Type".equalsIgnoreCase(name)) {
                return CONTENT_TYPE;
            }
            if ("Content-Length".equalsIgnoreCase(name)) {
                return Integer.toString(body.length);
            }
            if ("Transfer-Encoding".equalsIgnoreCase(name)) {
                return null;
            }
            return super.getHeader(name);
        }

        @Override
        public Enumeration<String> getHeaders(String name) {
            String value = getHeader(name);
            if ("Content-Type".equalsIgnoreCase(name) || "Content-Length".equalsIgnoreCase(name)
                    || "Transfer-Encoding".equalsIgnoreCase(name)) {
                return value == null ? Collections.emptyEnumeration() : Collections.enumeration(List.of(value));
            }
            return super.getHeaders(name);
        }

        @Override
        public Enumeration<String> getHeaderNames() {
            List<String> names = new ArrayList<>();
            for (Enumeration<String> original = super.getHeaderNames(); original.hasMoreElements(); ) {
                String name = original.nextElement();
                if (!"Transfer-Encoding".equalsIgnoreCase(name) && !"Content-Length".equalsIgnoreCase(name)) {
                    names.add(name);
                }
            }
            names.add("Content-Length");
            return Collections.enumeration(names);
        }

        @Override
        public ServletInputStream getInputStream() {
            ByteArrayInputStream in = new ByteArrayInputStream(body);
            return new ServletInputStream() {
                @Override
                public boolean isFinished() {
                    return in.available() == 0;
                }

                @Override
                public boolean isReady() {
                    return true;
                }

                @Override
                public void setReadListener(ReadListener listener) {
                    throw new IllegalStateException("The Binary body is already read");
                }

                @Override
                public int read() {
                    return in.read();
                }

                @Override
                public int read(byte[] buffer, int offset, int length) {
                    return in.read(buffer, offset, length);
                }
            };
        }

        @Override
        public BufferedReader getReader() {
            return new BufferedReader(new InputStreamReader(getInputStream(), StandardCharsets.UTF_8));
        }
    }
}
