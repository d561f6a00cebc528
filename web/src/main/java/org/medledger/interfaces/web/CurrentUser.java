package org.medledger.interfaces.web;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.security.enterprise.SecurityContext;
import java.security.Principal;

/** The login name of the signed-in user, as the application services take it. */
@RequestScoped
public class CurrentUser {

    @Inject
    private SecurityContext securityContext;

    public String username() {
        Principal principal = securityContext.getCallerPrincipal();
        return principal == null ? null : principal.getName();
    }
}
