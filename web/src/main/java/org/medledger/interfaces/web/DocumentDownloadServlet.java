package org.medledger.interfaces.web;

import jakarta.ejb.EJB;
import jakarta.servlet.annotation.HttpConstraint;
import jakarta.servlet.annotation.ServletSecurity;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import org.medledger.application.RecordNotFoundException;
import org.medledger.application.portal.ChartDocuments;
import org.medledger.application.portal.DocumentContent;
import org.medledger.application.portal.PortalAccessDeniedException;

/**
 * {@code GET /portal/app/document?id=<DocumentReference id>}: a chart document's content, streamed, as an attachment
 * (never rendered inline in the portal's origin), for the patient it belongs to or a doctor the consent allows.
 */
@WebServlet(urlPatterns = "/app/document")
@ServletSecurity(@HttpConstraint(rolesAllowed = {"doctor", "nurse", "patient"}))
public class DocumentDownloadServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    @EJB
    private transient ChartDocuments documents;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        DocumentContent content;
        try {
            content = documents.open(request.getUserPrincipal().getName(), request.getParameter("id"));
        } catch (RecordNotFoundException e) {
            response.sendError(404, "There is no such document");
            return;
        } catch (PortalAccessDeniedException e) {
            response.sendError(403, e.getMessage());
            return;
        }
        response.setContentType(content.contentType());
        response.setContentLengthLong(content.size());
        response.setHeader("Content-Disposition", "attachment; filename=\"" + content.fileName() + "\"");
        response.setHeader("Cache-Control", "no-store");
        // Bytes that no longer match their anchored hash fail the last read: the response is cut short.
        try (InputStream in = content.stream(); OutputStream out = response.getOutputStream()) {
            in.transferTo(out);
        }
    }
}
