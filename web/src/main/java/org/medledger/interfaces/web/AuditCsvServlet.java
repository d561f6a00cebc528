package org.medledger.interfaces.web;

import jakarta.ejb.EJB;
import jakarta.servlet.annotation.HttpConstraint;
import jakarta.servlet.annotation.ServletSecurity;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.PrintWriter;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;
import org.medledger.application.InvalidRecordException;
import org.medledger.application.portal.AuditEntry;
import org.medledger.application.portal.AuditQuery;
import org.medledger.application.portal.AuditTrail;

/** {@code GET /portal/app/auditor/audit.csv?patient=&action=&from=&to=}: the auditor's search as CSV. */
@WebServlet(urlPatterns = "/app/auditor/audit.csv")
@ServletSecurity(@HttpConstraint(rolesAllowed = "auditor"))
public class AuditCsvServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    @EJB
    private transient AuditTrail audit;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        List<AuditEntry> entries;
        try {
            entries = audit.search(request.getUserPrincipal().getName(), new AuditQuery(request.getParameter("patient"),
                    request.getParameter("user"), request.getParameter("action"), request.getParameter("outcome"),
                    date(request.getParameter("from")), date(request.getParameter("to"))));
        } catch (InvalidRecordException e) {
            response.sendError(400, e.getMessage());
            return;
        }
        response.setContentType("text/csv");
        response.setCharacterEncoding("UTF-8");
        response.setHeader("Content-Disposition", "attachment; filename=\"audit-trail.csv\"");
        response.setHeader("Cache-Control", "no-store");
        PrintWriter out = response.getWriter();
        out.write("recorded,who,source,action,outcome,purpose,entities,anchoring,audit_event\r\n");
        for (AuditEntry e : entries) {
            out.write(String.join(",", cell(e.recorded()), cell(e.who()), cell(e.source()), cell(e.action()),
                    cell(e.outcome()), cell(e.purpose()), cell(e.entities()), cell(e.anchoring()),
                    cell("AuditEvent/" + e.auditEventId())) + "\r\n");
        }
    }

    private static LocalDate date(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return LocalDate.parse(value.strip());
        } catch (DateTimeParseException e) {
            throw new InvalidRecordException("Dates are written as yyyy-mm-dd");
        }
    }

    /** Quoted, and never read as a formula by a spreadsheet. */
    private static String cell(String value) {
        String text = value == null ? "" : value;
        if (!text.isEmpty() && "=+-@\t\r".indexOf(text.charAt(0)) >= 0) {
            text = "'" + text;
        }
        return "\"" + text.replace("\"", "\"\"") + "\"";
    }
}
