package org.medledger.interfaces.web;

import jakarta.ejb.EJB;
import jakarta.faces.context.FacesContext;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;
import java.util.List;
import org.medledger.application.InvalidRecordException;
import org.medledger.application.RecordNotFoundException;
import org.medledger.application.portal.EmergencyAccess;
import org.medledger.application.portal.EmergencyReason;
import org.medledger.application.portal.PatientMatch;
import org.medledger.application.portal.PortalAccessDeniedException;

/** Doctor: break the glass for a patient found by identifier or exact name, then open their chart. */
@Named
@ViewScoped
public class EmergencyAccessView implements Serializable {

    private static final long serialVersionUID = 1L;

    @EJB
    private EmergencyAccess emergencies;

    @Inject
    private CurrentUser user;

    private String query;
    private PatientMatch match;
    private String reasonCode;
    private String details;

    public void find() {
        match = null;
        try {
            match = emergencies.find(user.username(), query);
        } catch (InvalidRecordException | PortalAccessDeniedException e) {
            PageMessages.error("Not found", e.getMessage());
        }
    }

    /** On success, the chart (a protected view: the redirect carries its token). */
    public String declare() {
        try {
            emergencies.declare(user.username(), match == null ? null : match.patientId(), reasonCode, details);
        } catch (InvalidRecordException | PortalAccessDeniedException e) {
            PageMessages.error("Not declared", e.getMessage());
            return null;
        } catch (RecordNotFoundException e) {
            PageMessages.error("Not declared", "Find the patient first.");
            return null;
        }
        FacesContext.getCurrentInstance().getExternalContext().getFlash().setKeepMessages(true);
        PageMessages.info("Emergency declared", "It is recorded on chain and flagged for the auditors' review.");
        return "/app/doctor/chart?faces-redirect=true&patient=" + match.patientId();
    }

    public List<EmergencyReason> getReasons() {
        return emergencies.reasons();
    }

    public PatientMatch getMatch() { return match; }
    public String getQuery() { return query; }
    public void setQuery(String v) { query = v; }
    public String getReasonCode() { return reasonCode; }
    public void setReasonCode(String v) { reasonCode = v; }
    public String getDetails() { return details; }
    public void setDetails(String v) { details = v; }
}
