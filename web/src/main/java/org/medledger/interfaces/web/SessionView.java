package org.medledger.interfaces.web;

import jakarta.enterprise.context.RequestScoped;
import jakarta.faces.context.ExternalContext;
import jakarta.faces.context.FacesContext;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.security.enterprise.SecurityContext;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.security.Principal;
import java.util.Arrays;
import java.time.Duration;
import org.medledger.domain.model.identity.Role;
import org.medledger.infrastructure.config.MedLedgerSettings;

/** Who is signed in, signing out, and how long the session lasts without a request. */
@Named
@RequestScoped
public class SessionView {

    @Inject
    private SecurityContext securityContext;

    @Inject
    private FacesContext faces;

    /** The signed-in user's login name; empty when nobody is (also for the server's anonymous identity). */
    public String getUsername() {
        Principal caller = securityContext.getCallerPrincipal();
        boolean signedIn = caller != null
                && Arrays.stream(Role.values()).anyMatch(role -> securityContext.isCallerInRole(role.groupName()));
        return signedIn ? caller.getName() : "";
    }

    public boolean isInRole(String role) {
        return securityContext.isCallerInRole(role);
    }

    /** Seconds this session lasts without a request (the server's own limit for it). */
    public long getIdleSeconds() {
        return ((HttpServletRequest) faces.getExternalContext().getRequest()).getSession().getMaxInactiveInterval();
    }

    /** Seconds before the end at which the page warns. */
    public long getWarningSeconds() {
        return MedLedgerSettings.portalSessionWarningLead(Duration.ofSeconds(getIdleSeconds())).toSeconds();
    }

    public void logout() throws ServletException, IOException {
        ExternalContext external = faces.getExternalContext();
        ((HttpServletRequest) external.getRequest()).logout();
        external.invalidateSession();
        external.redirect(external.getRequestContextPath() + "/login.xhtml");
    }
}
