package org.medledger.interfaces.web;

import jakarta.ejb.EJB;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import org.medledger.application.portal.LedgerOverview;
import org.medledger.application.portal.LedgerStatus;
import org.medledger.application.portal.PortalAccessDeniedException;

/** Ledger operator (and auditor): the chain node, its network and validators, anchoring and chain health. */
@Named
@RequestScoped
public class LedgerView {

    @EJB
    private LedgerOverview ledger;

    @Inject
    private CurrentUser user;

    private LedgerStatus status;

    /** Run by the page's view action, before rendering, so its messages are shown. */
    public void load() {
        try {
            status = ledger.status(user.username());
        } catch (PortalAccessDeniedException e) {
            PageMessages.error("No ledger view", e.getMessage());
        }
    }

    public LedgerStatus getStatus() {
        return status;
    }
}
