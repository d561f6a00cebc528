package org.medledger.interfaces.web;

import jakarta.ejb.EJB;
import jakarta.servlet.annotation.HttpConstraint;
import jakarta.servlet.annotation.ServletSecurity;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.medledger.application.portal.PatientExport;
import org.medledger.application.portal.PortalAccessDeniedException;

/** {@code GET /portal/app/patient/my-records.json}: all of the signed-in patient's records as a FHIR Bundle. */
@WebServlet(urlPatterns = "/app/patient/my-records.json")
@ServletSecurity(@HttpConstraint(rolesAllowed = "patient"))
public class MyRecordsExportServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    @EJB
    private transient PatientExport export;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        response.setContentType("application/fhir+json");
        response.setCharacterEncoding("UTF-8");
        response.setHeader("Content-Disposition", "attachment; filename=\"my-records.json\"");
        response.setHeader("Cache-Control", "no-store");
        try {
            export.writeMyRecords(request.getUserPrincipal().getName(), response.getOutputStream());
        } catch (PortalAccessDeniedException e) {
            // Refused before the first byte (the login is not linked to a patient record).
            response.reset();
            response.sendError(403, e.getMessage());
        }
    }
}
