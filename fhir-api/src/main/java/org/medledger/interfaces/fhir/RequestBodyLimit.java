package org.medledger.interfaces.fhir;

import io.undertow.servlet.handlers.ServletRequestContext;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.medledger.infrastructure.config.MedLedgerSettings;

/**
 * The hard cap on each request body, set per request because the HTTP listener's own cap must admit the largest raw
 * Binary upload ({@code medledger.blob.max-upload-bytes}): raw Binary uploads get that limit, every other request
 * {@code medledger.http.max-post-size} plus 1 MiB, the cap for bodies sent without a Content-Length (declared
 * lengths above {@code medledger.http.max-post-size} are answered 413 by {@link RequestSizeLimit}).
 */
@WebFilter(urlPatterns = "/*")
public class RequestBodyLimit extends HttpFilter {

    private static final long serialVersionUID = 1L;

    private final long fhirLimit = MedLedgerSettings.longValue("medledger.http.max-post-size",
            RequestSizeLimit.DEFAULT_LIMIT) + 1024 * 1024;
    private final long rawBinaryLimit = MedLedgerSettings.blobMaxUploadBytes();

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        try {
            ServletRequestContext.requireCurrent().getExchange()
                    .setMaxEntitySize(RawBinaryUpload.isRawUpload(request) ? rawBinaryLimit : fhirLimit);
        } catch (IllegalStateException alreadyReading) {
            // Another filter started reading the body first; the listener's cap still holds.
        }
        chain.doFilter(request, response);
    }
}
