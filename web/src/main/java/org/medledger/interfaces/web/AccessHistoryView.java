package org.medledger.interfaces.web;

import jakarta.ejb.EJB;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.util.List;
import org.medledger.application.portal.AuditEntry;
import org.medledger.application.portal.AuditTrail;
import org.medledger.application.portal.PortalAccessDeniedException;

/** Patient: who accessed my records, from the AuditEvents naming me. */
@Named
@RequestScoped
public class AccessHistoryView {

    @EJB
    private AuditTrail audit;

    @Inject
    private CurrentUser user;

    private List<AuditEntry> entries = List.of();

    /** Run by the page's view action, before rendering, so its messages are shown. */
    public void load() {
        try {
            entries = audit.accessHistory(user.username());
        } catch (PortalAccessDeniedException e) {
            PageMessages.error("No history", e.getMessage());
        }
    }

    public List<AuditEntry> getEntries() {
        return entries;
    }
}
