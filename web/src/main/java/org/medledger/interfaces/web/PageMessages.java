package org.medledger.interfaces.web;

import jakarta.faces.application.FacesMessage;
import jakarta.faces.context.FacesContext;

/**
 * Messages a page shows above its form: what went wrong in words a user can act on, or what was done. The whole
 * sentence is the summary, which is what the page's message list shows.
 */
final class PageMessages {

    private PageMessages() {
    }

    static void error(String summary, String detail) {
        FacesContext.getCurrentInstance().addMessage(null,
                new FacesMessage(FacesMessage.SEVERITY_ERROR, summary + ": " + detail, null));
    }

    static void info(String summary, String detail) {
        FacesContext faces = FacesContext.getCurrentInstance();
        faces.addMessage(null, new FacesMessage(FacesMessage.SEVERITY_INFO, summary + ". " + detail, null));
    }
}
