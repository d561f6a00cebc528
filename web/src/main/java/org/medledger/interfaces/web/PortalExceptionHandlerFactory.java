package org.medledger.interfaces.web;

import jakarta.faces.FacesException;
import jakarta.faces.application.ProtectedViewException;
import jakarta.faces.application.ViewExpiredException;
import jakarta.faces.context.ExceptionHandler;
import jakarta.faces.context.ExceptionHandlerFactory;
import jakarta.faces.context.ExceptionHandlerWrapper;
import jakarta.faces.context.FacesContext;
import jakarta.faces.event.ExceptionQueuedEvent;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Iterator;
import org.medledger.application.portal.PortalAccessDeniedException;

/**
 * A forged request (a protected view without its token, a post without a valid ViewState) or a refused access is
 * answered 403 with a short page, never a stack trace.
 */
public class PortalExceptionHandlerFactory extends ExceptionHandlerFactory {

    public PortalExceptionHandlerFactory(ExceptionHandlerFactory wrapped) {
        super(wrapped);
    }

    @Override
    public ExceptionHandler getExceptionHandler() {
        return new Refusals(getWrapped().getExceptionHandler());
    }

    private static final class Refusals extends ExceptionHandlerWrapper {

        Refusals(ExceptionHandler wrapped) {
            super(wrapped);
        }

        @Override
        public void handle() {
            Iterator<ExceptionQueuedEvent> events = getUnhandledExceptionQueuedEvents().iterator();
            while (events.hasNext()) {
                Throwable cause = events.next().getContext().getException();
                while (cause instanceof FacesException && cause.getCause() != null
                        && !(cause instanceof ProtectedViewException) && !(cause instanceof ViewExpiredException)) {
                    cause = cause.getCause();
                }
                String message = cause instanceof ProtectedViewException
                        ? "This page opens only from a link inside the portal."
                        : cause instanceof ViewExpiredException
                        ? "This form has expired or did not come from the portal. Reload the page and try again."
                        : cause instanceof PortalAccessDeniedException ? "You may not open this page." : null;
                if (message != null) {
                    events.remove();
                    refuse(message);
                }
            }
            getWrapped().handle();
        }

        private static void refuse(String message) {
            FacesContext faces = FacesContext.getCurrentInstance();
            HttpServletResponse response = (HttpServletResponse) faces.getExternalContext().getResponse();
            try {
                if (!response.isCommitted()) {
                    response.reset();
                    response.setStatus(403);
                    response.setContentType("text/html;charset=UTF-8");
                    response.getWriter().write("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\">"
                            + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
                            + "<title>Refused · MedLedger</title></head><body><main><h1>Refused</h1><p id=\"refused\">"
                            + message + "</p><p><a href=\"" + faces.getExternalContext().getRequestContextPath()
                            + "/index.html\">Back to the portal</a></p></main></body></html>");
                }
            } catch (IOException e) {
                throw new FacesException("Cannot send the refusal", e);
            }
            faces.responseComplete();
        }
    }
}
