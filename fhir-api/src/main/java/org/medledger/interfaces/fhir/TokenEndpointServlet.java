package org.medledger.interfaces.fhir;

import jakarta.ejb.EJB;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.LinkedHashSet;
import java.util.Set;
import org.medledger.application.access.BackendClientService;
import org.medledger.application.access.ClientAuthenticationException;
import org.medledger.application.access.IssuedToken;
import org.medledger.infrastructure.config.MedLedgerSettings;

/**
 * {@code POST /fhir/auth/token}: the OAuth 2.0 token endpoint of SMART Backend Services. Errors follow RFC 6749
 * (JSON {@code error} and {@code error_description}; 401 for {@code invalid_client}, 400 otherwise).
 */
@WebServlet(urlPatterns = "/auth/token")
public class TokenEndpointServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;
    private static final String JWT_BEARER = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer";

    @EJB
    private transient BackendClientService clients;

    /** This endpoint's URL as the request reached it, which client assertions name as their audience. */
    static String endpointOf(HttpServletRequest request) {
        return request.getScheme() + "://" + request.getServerName() + ":" + request.getServerPort()
                + request.getContextPath() + "/auth/token";
    }

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
        response.setHeader("Cache-Control", "no-store");
        response.setContentType("application/json");
        response.setCharacterEncoding("UTF-8");
        String contentType = request.getContentType();
        if (contentType == null || !contentType.toLowerCase().startsWith("application/x-www-form-urlencoded")) {
            error(response, 400, "invalid_request", "Send the token request as application/x-www-form-urlencoded");
            return;
        }
        if (!"client_credentials".equals(request.getParameter("grant_type"))) {
            error(response, 400, "unsupported_grant_type", "Only grant_type=client_credentials is supported");
            return;
        }
        if (!JWT_BEARER.equals(request.getParameter("client_assertion_type"))
                || request.getParameter("client_assertion") == null) {
            error(response, 400, "invalid_request", "A client_assertion of type " + JWT_BEARER + " is required");
            return;
        }
        Set<String> endpoints = new LinkedHashSet<>();
        endpoints.add(endpointOf(request));
        endpoints.add(request.getRequestURL().toString());
        endpoints.add(MedLedgerSettings.fhirBaseUrl() + "/auth/token");
        try {
            IssuedToken token = clients.issueToken(request.getParameter("client_assertion"),
                    request.getParameter("scope"), endpoints);
            response.getWriter().write("{\"access_token\":\"" + token.accessToken() + "\",\"token_type\":\"bearer\","
                    + "\"expires_in\":" + token.expiresIn() + ",\"scope\":\"" + token.scope() + "\"}");
        } catch (ClientAuthenticationException e) {
            error(response, "invalid_client".equals(e.error()) ? 401 : 400, e.error(), e.getMessage());
        } catch (RuntimeException e) {
            Throwable cause = e.getCause();
            if (cause instanceof ClientAuthenticationException refused) {
                error(response, "invalid_client".equals(refused.error()) ? 401 : 400, refused.error(),
                        refused.getMessage());
            } else {
                throw e;
            }
        }
    }

    private static void error(HttpServletResponse response, int status, String error, String description)
            throws IOException {
        response.setStatus(status);
        if (status == 401) {
            response.setHeader("WWW-Authenticate", "Bearer error=\"" + error + "\"");
        }
        response.getWriter().write("{\"error\":\"" + error + "\",\"error_description\":\""
                + description.replace("\\", "\\\\").replace("\"", "'") + "\"}");
    }
}
