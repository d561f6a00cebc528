package org.medledger.interfaces.web;

import jakarta.ejb.EJB;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;
import org.medledger.application.portal.IntegrityChecks;
import org.medledger.application.portal.IntegrityStatus;
import org.medledger.application.portal.PortalAccessDeniedException;

/**
 * Auditor: start an integrity sweep in the background and follow it; the page polls the status while a sweep runs
 * and shows the last sweep's result.
 */
@Named
@ViewScoped
public class IntegrityView implements Serializable {

    private static final long serialVersionUID = 1L;

    @EJB
    private IntegrityChecks checks;

    @Inject
    private CurrentUser user;

    private IntegrityStatus status;

    /** Run by the page's view action and by each poll. */
    public void refresh() {
        try {
            status = checks.status(user.username());
        } catch (PortalAccessDeniedException e) {
            status = null;
            PageMessages.error("No integrity view", e.getMessage());
        }
    }

    public void start() {
        try {
            if (checks.start(user.username())) {
                PageMessages.info("Integrity sweep started", "It runs in the background; this page follows it");
            } else {
                PageMessages.info("A sweep is already running", "This page follows it");
            }
        } catch (PortalAccessDeniedException e) {
            PageMessages.error("Cannot start a sweep", e.getMessage());
        }
        refresh();
    }

    public boolean isRunning() {
        return status != null && status.running() != null;
    }

    /** Whole percent of the running sweep done, for the progress bar. */
    public int getPercentDone() {
        if (!isRunning() || status.running().total() == 0) {
            return 0;
        }
        return (int) Math.min(100, status.running().checked() * 100 / status.running().total());
    }

    public IntegrityStatus getStatus() {
        return status;
    }
}
