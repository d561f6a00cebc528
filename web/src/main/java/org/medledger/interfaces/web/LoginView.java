package org.medledger.interfaces.web;

import jakarta.enterprise.context.RequestScoped;
import jakarta.faces.application.FacesMessage;
import jakarta.faces.context.ExternalContext;
import jakarta.faces.context.FacesContext;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.security.enterprise.AuthenticationStatus;
import jakarta.security.enterprise.SecurityContext;
import jakarta.security.enterprise.authentication.mechanism.http.AuthenticationParameters;
import jakarta.security.enterprise.credential.Password;
import jakarta.security.enterprise.credential.UsernamePasswordCredential;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.validation.constraints.NotBlank;
import java.io.IOException;

/** The login form. One message for every failure, so the page never tells whether a user exists. */
@Named
@RequestScoped
public class LoginView {

    @Inject
    private SecurityContext securityContext;

    @Inject
    private FacesContext faces;

    @NotBlank(message = "Enter your username")
    private String username;

    @NotBlank(message = "Enter your password")
    private String password;

    public void login() throws IOException {
        ExternalContext external = faces.getExternalContext();
        HttpServletRequest request = (HttpServletRequest) external.getRequest();
        AuthenticationStatus status = securityContext.authenticate(request,
                (HttpServletResponse) external.getResponse(),
                AuthenticationParameters.withParams()
                        .credential(new UsernamePasswordCredential(username, new Password(password)))
                        .newAuthentication(true));
        switch (status) {
            case SEND_CONTINUE -> faces.responseComplete();
            case SUCCESS -> {
                request.changeSessionId();
                external.redirect(external.getRequestContextPath() + homeOf(request));
            }
            default -> faces.addMessage(null, new FacesMessage(FacesMessage.SEVERITY_ERROR,
                    "Sign-in failed: the username or password is not correct, or the account is locked.", null));
        }
    }

    /** Each role starts where its work is. */
    static String homeOf(HttpServletRequest request) {
        if (request.isUserInRole("doctor") || request.isUserInRole("nurse")) {
            return "/app/doctor/patients.xhtml";
        }
        if (request.isUserInRole("patient")) {
            return "/app/patient/records.xhtml";
        }
        if (request.isUserInRole("auditor")) {
            return "/app/auditor/audit.xhtml";
        }
        if (request.isUserInRole("operator")) {
            return "/app/operator/ledger.xhtml";
        }
        return "/app/dashboard.xhtml";
    }

    public String getUsername() {
        return username;
    }

    public void setUsername(String username) {
        this.username = username;
    }

    public String getPassword() {
        return password;
    }

    public void setPassword(String password) {
        this.password = password;
    }
}
