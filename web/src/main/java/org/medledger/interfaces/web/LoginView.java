package org.medledger.interfaces.web;

import jakarta.ejb.EJB;
import jakarta.enterprise.context.RequestScoped;
import jakarta.faces.application.FacesMessage;
import jakarta.faces.context.ExternalContext;
import jakarta.faces.context.FacesContext;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.security.enterprise.AuthenticationStatus;
import jakarta.security.enterprise.SecurityContext;
import jakarta.security.enterprise.authentication.mechanism.http.AuthenticationParameters;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.validation.constraints.NotBlank;
import java.io.IOException;
import org.medledger.application.signin.SignInRefusedException;
import org.medledger.application.signin.SignInService;
import org.medledger.infrastructure.config.MedLedgerSettings;

/**
 * The sign-in page: password (then, for staff who turned it on, the authenticator code) or a patient's wallet. Every
 * method ends the same way: the service's ticket goes through the portal's security mechanism, the session id
 * changes and the role's first page opens. Password refusals share one message, so the page never tells whether a
 * user exists.
 */
@Named
@RequestScoped
public class LoginView {

    /** Session attribute holding the password step's token while the code is asked for. */
    static final String PENDING_CODE = "medledger.signin.pending-code";

    @Inject
    private SecurityContext securityContext;

    @Inject
    private FacesContext faces;

    @EJB
    private SignInService signIn;

    @NotBlank(message = "Enter your username")
    private String username;

    @NotBlank(message = "Enter your password")
    private String password;

    private String code;
    private String walletMessage;
    private String walletSignature;
    private String ended;
    private String after;

    /** On arrival: says why the page opened when the portal ended an idle session. */
    public void explainEnd() {
        if ("idle".equals(ended)) {
            long seconds = after != null && after.matches("[1-9][0-9]{0,5}") ? Long.parseLong(after)
                    : MedLedgerSettings.portalSessionIdle().toSeconds();
            faces.addMessage(null, new FacesMessage(FacesMessage.SEVERITY_WARN, "Your session ended after "
                    + duration(seconds) + " without activity, to protect the records on screen. Sign in again to "
                    + "continue.", null));
        }
    }

    public void login() throws IOException {
        try {
            SignInService.PasswordStep step = signIn.checkPassword(username, password.toCharArray());
            if (step.codeNeeded()) {
                external().getSessionMap().put(PENDING_CODE, step.token());
            } else {
                complete(step.token());
            }
        } catch (SignInRefusedException e) {
            refuse(e.getMessage());
        }
    }

    public void verifyCode() throws IOException {
        String pending = (String) external().getSessionMap().get(PENDING_CODE);
        try {
            String ticket = signIn.checkCode(pending, code);
            external().getSessionMap().remove(PENDING_CODE);
            complete(ticket);
        } catch (SignInRefusedException e) {
            if (e.isStartOver()) {
                external().getSessionMap().remove(PENDING_CODE);
            }
            refuse(e.getMessage());
        }
    }

    public void startOver() {
        external().getSessionMap().remove(PENDING_CODE);
    }

    public void signInWithWallet() throws IOException {
        try {
            complete(signIn.signInWithWallet(walletMessage, walletSignature,
                    WalletMessageServlet.domainOf((HttpServletRequest) external().getRequest())));
        } catch (SignInRefusedException e) {
            refuse("Wallet sign-in refused: " + e.getMessage());
        }
    }

    public boolean isCodeStep() {
        return external().getSessionMap().containsKey(PENDING_CODE);
    }

    private void complete(String ticket) throws IOException {
        ExternalContext external = external();
        HttpServletRequest request = (HttpServletRequest) external.getRequest();
        AuthenticationStatus status = securityContext.authenticate(request,
                (HttpServletResponse) external.getResponse(),
                AuthenticationParameters.withParams().credential(new SignInTicketCredential(ticket))
                        .newAuthentication(true));
        switch (status) {
            case SEND_CONTINUE -> faces.responseComplete();
            case SUCCESS -> {
                request.changeSessionId();
                external.redirect(external.getRequestContextPath() + homeOf(request));
            }
            default -> refuse("Sign-in failed: it took too long. Start again.");
        }
    }

    private void refuse(String message) {
        faces.addMessage(null, new FacesMessage(FacesMessage.SEVERITY_ERROR, message, null));
    }

    private ExternalContext external() {
        return faces.getExternalContext();
    }

    static String duration(long seconds) {
        return seconds % 60 == 0 ? (seconds / 60 == 1 ? "1 minute" : seconds / 60 + " minutes") : seconds + " seconds";
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

    public String getCode() {
        return code;
    }

    public void setCode(String code) {
        this.code = code;
    }

    public String getWalletMessage() {
        return walletMessage;
    }

    public void setWalletMessage(String walletMessage) {
        this.walletMessage = walletMessage;
    }

    public String getWalletSignature() {
        return walletSignature;
    }

    public void setWalletSignature(String walletSignature) {
        this.walletSignature = walletSignature;
    }

    public String getEnded() {
        return ended;
    }

    public void setEnded(String ended) {
        this.ended = ended;
    }

    public String getAfter() {
        return after;
    }

    public void setAfter(String after) {
        this.after = after;
    }
}
