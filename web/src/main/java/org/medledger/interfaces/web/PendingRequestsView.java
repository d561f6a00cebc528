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
import org.medledger.application.portal.AccessRequestSummary;
import org.medledger.application.portal.AccessRequests;
import org.medledger.application.portal.PortalAccessDeniedException;

/** Patient: doctors' requests for access waiting for my answer, on my consents page. */
@Named
@ViewScoped
public class PendingRequestsView implements Serializable {

    private static final long serialVersionUID = 1L;
    private static final String CONSENTS = "/app/patient/consents?faces-redirect=true";

    @EJB
    private AccessRequests requests;

    @Inject
    private CurrentUser user;

    private List<AccessRequestSummary> pending;
    private final Map<String, String> denialReasons = new HashMap<>();

    @PostConstruct
    void load() {
        pending = requests.pendingFor(user.username());
    }

    /** Reloads the page, so the consent it gave shows in the list of consents below. */
    public String approve(String requestId) {
        try {
            requests.approve(user.username(), requestId);
        } catch (InvalidRecordException | PortalAccessDeniedException | RecordNotFoundException e) {
            PageMessages.error("Not approved", e.getMessage());
            return null;
        }
        FacesContext.getCurrentInstance().getExternalContext().getFlash().setKeepMessages(true);
        PageMessages.info("Request approved", "The consent is recorded on the consortium's chain in a few seconds.");
        return CONSENTS;
    }

    public String deny(String requestId) {
        try {
            requests.deny(user.username(), requestId, denialReasons.get(requestId));
        } catch (InvalidRecordException | PortalAccessDeniedException | RecordNotFoundException e) {
            PageMessages.error("Not denied", e.getMessage());
            return null;
        }
        FacesContext.getCurrentInstance().getExternalContext().getFlash().setKeepMessages(true);
        PageMessages.info("Request denied", "The doctor is told; they get no access through it.");
        return CONSENTS;
    }

    public List<AccessRequestSummary> getPending() {
        return pending;
    }

    public Map<String, String> getDenialReasons() {
        return denialReasons;
    }
}
