package org.medledger.interfaces.web;

import jakarta.ejb.EJB;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;
import org.medledger.application.InvalidRecordException;
import org.medledger.application.portal.AuditEntry;
import org.medledger.application.portal.AuditQuery;
import org.medledger.application.portal.AuditTrail;
import org.medledger.application.portal.PortalAccessDeniedException;

/** Auditor: search the audit trail by patient, action and dates; the same search as CSV. */
@Named
@ViewScoped
public class AuditTrailView implements Serializable {

    private static final long serialVersionUID = 1L;

    @EJB
    private AuditTrail audit;

    @Inject
    private CurrentUser user;

    private String patientId;
    private String username;
    private String action;
    private String outcome;
    private LocalDate from;
    private LocalDate to;
    private List<AuditEntry> entries;

    public void search() {
        try {
            entries = audit.search(user.username(), new AuditQuery(patientId, username, action, outcome, from, to));
        } catch (InvalidRecordException | PortalAccessDeniedException e) {
            entries = null;
            PageMessages.error("Cannot search", e.getMessage());
        }
    }

    /** The CSV export of the current search, relative to the page. */
    public String getCsvLink() {
        return "audit.csv?patient=" + encode(patientId) + "&user=" + encode(username) + "&action=" + encode(action)
                + "&outcome=" + encode(outcome)
                + "&from=" + encode(from == null ? null : from.toString()) + "&to=" + encode(to == null ? null : to.toString());
    }

    private static String encode(String value) {
        return value == null ? "" : URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    public List<AuditEntry> getEntries() { return entries; }
    public String getPatientId() { return patientId; }
    public void setPatientId(String v) { patientId = v; }
    public String getUsername() { return username; }
    public void setUsername(String v) { username = v; }
    public String getOutcome() { return outcome; }
    public void setOutcome(String v) { outcome = v; }
    public String getAction() { return action; }
    public void setAction(String v) { action = v; }
    public LocalDate getFrom() { return from; }
    public void setFrom(LocalDate v) { from = v; }
    public LocalDate getTo() { return to; }
    public void setTo(LocalDate v) { to = v; }
}
