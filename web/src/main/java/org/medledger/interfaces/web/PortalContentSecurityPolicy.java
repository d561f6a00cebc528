package org.medledger.interfaces.web;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * One Content-Security-Policy on every portal response. Scripts: only the portal's own files and the inline
 * scripts PrimeFaces marks with a per-response nonce ({@code primefaces.CSP}, which also moves inline event
 * handlers into nonced scripts), so no {@code 'unsafe-inline'} for scripts. Styles need {@code 'unsafe-inline'}:
 * PrimeFaces components and jQuery write {@code style} attributes, which nonces cannot cover. PrimeFaces adds
 * its own header with the nonce; its directives replace the same-named ones here instead of adding a second
 * policy (two policies would both be enforced, and this one would block the nonced scripts).
 * The headers common to every response of the server (nosniff, frame options, referrer, HSTS) are set by
 * Undertow, see {@code configure.cli}.
 */
@WebFilter(urlPatterns = "/*", dispatcherTypes = {DispatcherType.REQUEST, DispatcherType.FORWARD, DispatcherType.ERROR})
public class PortalContentSecurityPolicy extends HttpFilter {

    private static final long serialVersionUID = 1L;
    static final String HEADER = "Content-Security-Policy";
    static final String POLICY = "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
            + "img-src 'self' data:; font-src 'self' data:; connect-src 'self'; object-src 'none'; "
            + "base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        response.setHeader(HEADER, POLICY);
        chain.doFilter(request, new HttpServletResponseWrapper(response) {
            @Override
            public void addHeader(String name, String value) {
                if (HEADER.equalsIgnoreCase(name)) {
                    setHeader(name, value);
                } else {
                    super.addHeader(name, value);
                }
            }

            @Override
            public void setHeader(String name, String value) {
                super.setHeader(name, HEADER.equalsIgnoreCase(name) ? merged(value) : value);
            }
        });
    }

    /** The portal policy with the directives of {@code tighter} (e.g. PrimeFaces' nonced script-src) in place. */
    static String merged(String tighter) {
        Map<String, String> directives = directives(POLICY);
        directives.putAll(directives(tighter));
        return directives.entrySet().stream().map(d -> (d.getKey() + " " + d.getValue()).trim())
                .collect(Collectors.joining("; "));
    }

    private static Map<String, String> directives(String policy) {
        Map<String, String> directives = new LinkedHashMap<>();
        for (String directive : policy.split(";")) {
            String[] nameAndValue = directive.trim().split("\\s+", 2);
            if (!nameAndValue[0].isEmpty()) {
                directives.put(nameAndValue[0].toLowerCase(), nameAndValue.length > 1 ? nameAndValue[1] : "");
            }
        }
        return directives;
    }
}
