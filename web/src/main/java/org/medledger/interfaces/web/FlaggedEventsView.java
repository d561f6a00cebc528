package org.medledger.interfaces.web;

import jakarta.annotation.PostConstruct;
import jakarta.ejb.EJB;
import jakarta.faces.context.FacesContext;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.medledger.application.InvalidRecordException;
import org.medledger.application.RecordNotFoundException;
import org.medledger.application.portal.FlaggedEvent;
import org.medledger.application.portal.FlaggedEvents;
import org.medledger.application.portal.PortalAccessDeniedException;

/** Auditor: events flagged for review (break-glass declarations), and marking one reviewed with a note. */
@Named
@ViewScoped
public class FlaggedEventsView implements Serializable {

    private static final long serialVersionUID = 1L;

    @EJB
    private FlaggedEvents flaggedEvents;

    @Inject
    private CurrentUser user;

    private List<FlaggedEvent> events;
    private final Map<String, String> notes = new HashMap<>();

    @PostConstruct
    void load() {
        events = flaggedEvents.flagged(user.username());
    }

    public String markReviewed(String auditEventId) {
        try {
            flaggedEvents.markReviewed(user.username(), auditEventId, notes.get(auditEventId));
        } catch (InvalidRecordException | PortalAccessDeniedException | RecordNotFoundException e) {
            PageMessages.error("Not marked reviewed", e.getMessage());
            return null;
        }
        FacesContext.getCurrentInstance().getExternalContext().getFlash().setKeepMessages(true);
        PageMessages.info("Marked reviewed", "Your note is recorded and the review is in the audit trail.");
        return "/app/auditor/review?faces-redirect=true";
    }

    public List<FlaggedEvent> getEvents() {
        return events;
    }

    public Map<String, String> getNotes() {
        return notes;
    }
}
