package org.medledger.interfaces.web;

import jakarta.annotation.PostConstruct;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.RequestScoped;
import jakarta.faces.context.FacesContext;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.servlet.http.HttpServletRequest;
import org.medledger.application.signin.SignInMethods;
import org.medledger.application.signin.SignInMethods.SecondFactorEnrolment;
import org.medledger.application.signin.SignInMethods.SecondFactorState;
import org.medledger.application.signin.SignInRefusedException;

/** Everyone: my profile's sign-in methods; a patient's linked wallet, a staff member's second factor. */
@Named
@RequestScoped
public class ProfileView {

    @EJB
    private SignInMethods methods;

    @Inject
    private CurrentUser user;

    @Inject
    private SessionView session;

    private String walletMessage;
    private String walletSignature;
    private String code;
    private String linkedWallet;
    private SecondFactorState secondFactor;
    private SecondFactorEnrolment enrolment;

    /**
     * Run when the page first needs the bean, in every request (a postback too, so the forms the state shows are
     * the ones that take the post) and again after each change, so the page shows the current state.
     */
    @PostConstruct
    public void load() {
        if (isPatient()) {
            linkedWallet = methods.linkedWallet(user.username()).orElse(null);
        } else {
            secondFactor = methods.secondFactor(user.username());
            enrolment = methods.enrolment(user.username()).orElse(null);
        }
    }

    public void linkWallet() {
        try {
            String address = methods.linkWallet(user.username(), walletMessage, walletSignature,
                    WalletMessageServlet.domainOf((HttpServletRequest) FacesContext.getCurrentInstance()
                            .getExternalContext().getRequest()));
            PageMessages.info("Wallet linked", "The wallet " + address + " can now sign you in");
        } catch (SignInRefusedException e) {
            PageMessages.error("The wallet was not linked", e.getMessage());
        }
        load();
    }

    public void unlinkWallet() {
        methods.unlinkWallet(user.username());
        PageMessages.info("Wallet unlinked", "It can no longer sign you in");
        load();
    }

    public void beginSecondFactor() {
        try {
            methods.beginSecondFactor(user.username());
        } catch (SignInRefusedException e) {
            PageMessages.error("Not started", e.getMessage());
        }
        load();
    }

    public void confirmSecondFactor() {
        try {
            methods.confirmSecondFactor(user.username(), code);
            PageMessages.info("Second factor on", "From your next sign-in the portal asks for a code from your app");
        } catch (SignInRefusedException e) {
            PageMessages.error("Code", e.getMessage());
        }
        load();
    }

    public void turnOffSecondFactor() {
        try {
            methods.turnOffSecondFactor(user.username(), code);
            PageMessages.info("Second factor off", "Sign-in asks for your password only");
        } catch (SignInRefusedException e) {
            PageMessages.error("Code", e.getMessage());
        }
        load();
    }

    public boolean isPatient() {
        return session.isInRole("patient");
    }

    public String getLinkedWallet() {
        return linkedWallet;
    }

    public SecondFactorState getSecondFactor() {
        return secondFactor;
    }

    /** The key of the set-up in progress, base32, for typing into the app. */
    public String getTotpSecret() {
        return enrolment == null ? null : enrolment.secret();
    }

    /** The same key as an otpauth:// URI, which authenticator apps open. */
    public String getTotpUri() {
        return enrolment == null ? null : enrolment.uri();
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

    public String getCode() {
        return code;
    }

    public void setCode(String code) {
        this.code = code;
    }
}
