package org.medledger.interfaces.web;

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
 * Caps portal request bodies at {@code medledger.http.max-post-size} plus 1 MiB: the HTTP listener's own cap is set
 * high enough for raw Binary uploads to the FHIR API, which the portal never takes.
 */
@WebFilter(urlPatterns = "/*")
public class PortalRequestLimit extends HttpFilter {

    private static final long serialVersionUID = 1L;

    private final long limit = MedLedgerSettings.longValue("medledger.http.max-post-size", 64L * 1024 * 1024)
            + 1024 * 1024;

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        try {
            ServletRequestContext.requireCurrent().getExchange().setMaxEntitySize(limit);
        } catch (IllegalStateException alreadyReading) {
            // Another filter started reading the body first; the listener's cap still holds.
        }
        chain.doFilter(request, response);
    }
}
