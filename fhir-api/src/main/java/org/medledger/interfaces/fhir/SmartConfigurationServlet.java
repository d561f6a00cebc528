package org.medledger.interfaces.fhir;

import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * {@code GET /fhir/.well-known/smart-configuration}: how hospital systems get tokens here (SMART Backend Services:
 * client_credentials with an RS384 or ES384 signed JWT assertion, SMART v2 system scopes).
 */
@WebServlet(urlPatterns = "/.well-known/smart-configuration")
public class SmartConfigurationServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        response.setContentType("application/json");
        response.setCharacterEncoding("UTF-8");
        response.getWriter().write("{\"token_endpoint\":\"" + TokenEndpointServlet.endpointOf(request) + "\","
                + "\"grant_types_supported\":[\"client_credentials\"],"
                + "\"token_endpoint_auth_methods_supported\":[\"private_key_jwt\"],"
                + "\"token_endpoint_auth_signing_alg_values_supported\":[\"RS384\",\"ES384\"],"
                + "\"scopes_supported\":[\"system/*.rs\",\"system/*.cruds\"],"
                + "\"capabilities\":[\"client-confidential-asymmetric\",\"permission-v2\"]}");
    }
}
