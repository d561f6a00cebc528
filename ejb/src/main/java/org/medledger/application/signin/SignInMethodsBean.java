package org.medledger.application.signin;

import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.medledger.application.SecondFactorSecrets;
import org.medledger.application.portal.PortalAccessDeniedException;
import org.medledger.domain.model.identity.Role;
import org.medledger.domain.model.identity.SecondFactor;
import org.medledger.domain.model.identity.SignInChallenge.Purpose;
import org.medledger.domain.model.identity.UserAccount;
import org.medledger.domain.model.identity.WalletLink;
import org.medledger.infrastructure.config.MedLedgerSettings;
import org.medledger.infrastructure.crypto.OneTimePasswords;
import org.web3j.crypto.Keys;

@Stateless
public class SignInMethodsBean implements SignInMethods {

    private static final SecureRandom RANDOM = new SecureRandom();
    /** RFC 4226 recommends 160 bits, the length of an HMAC-SHA1 key. */
    private static final int SECRET_BYTES = 20;

    @PersistenceContext(unitName = "medledger")
    private EntityManager em;

    @EJB
    private WalletMessages walletMessages;

    @Inject
    private SecondFactorSecrets secrets;

    @Override
    public Optional<String> linkedWallet(String username) {
        patient(username);
        return linkOf(username).map(link -> Keys.toChecksumAddress(link.getAddress()));
    }

    @Override
    public String walletLinkMessage(String username, String address, String domain, String uri) {
        patient(username);
        return walletMessages.issue(Purpose.WALLET_LINK, username, address, domain, uri);
    }

    @Override
    public String linkWallet(String username, String message, String signature, String domain) {
        patient(username);
        WalletMessages.SignedBy signed = walletMessages.accept(Purpose.WALLET_LINK, message, signature, domain);
        if (!username.equals(signed.issuedTo())) {
            throw new SignInRefusedException("This link message was issued to another login.");
        }
        WalletLink existing = em.find(WalletLink.class, signed.address(), LockModeType.PESSIMISTIC_WRITE);
        if (existing != null && !existing.getUsername().equals(username)) {
            throw new SignInRefusedException("This wallet is already linked to another account.");
        }
        if (existing == null) {
            linkOf(username).ifPresent(em::remove);
            em.flush();
            em.persist(new WalletLink(signed.address(), username, Instant.now()));
        }
        return Keys.toChecksumAddress(signed.address());
    }

    @Override
    public void unlinkWallet(String username) {
        patient(username);
        linkOf(username).ifPresent(em::remove);
    }

    @Override
    public SecondFactorState secondFactor(String username) {
        staff(username);
        SecondFactor factor = em.find(SecondFactor.class, username);
        return factor == null ? SecondFactorState.OFF
                : factor.isConfirmed() ? SecondFactorState.ON : SecondFactorState.ENROLLING;
    }

    @Override
    public SecondFactorEnrolment beginSecondFactor(String username) {
        staff(username);
        SecondFactor existing = em.find(SecondFactor.class, username, LockModeType.PESSIMISTIC_WRITE);
        if (existing != null) {
            if (existing.isConfirmed()) {
                throw new SignInRefusedException("The second factor is already on. Turn it off first to set it up "
                        + "with another app.");
            }
            em.remove(existing);
            em.flush();
        }
        byte[] secret = new byte[SECRET_BYTES];
        RANDOM.nextBytes(secret);
        em.persist(secrets.seal(username, secret, Instant.now()));
        return enrolmentOf(username, secret);
    }

    @Override
    public Optional<SecondFactorEnrolment> enrolment(String username) {
        staff(username);
        return Optional.ofNullable(em.find(SecondFactor.class, username)).filter(f -> !f.isConfirmed())
                .map(f -> enrolmentOf(username, secrets.open(f)));
    }

    @Override
    public void confirmSecondFactor(String username, String code) {
        staff(username);
        SecondFactor factor = Optional.ofNullable(em.find(SecondFactor.class, username,
                LockModeType.PESSIMISTIC_WRITE)).filter(f -> !f.isConfirmed()).orElseThrow(() ->
                new SignInRefusedException("There is no second factor being set up. Start the set-up again."));
        requireCode(factor, code);
        factor.confirm();
    }

    @Override
    public void turnOffSecondFactor(String username, String code) {
        staff(username);
        SecondFactor factor = Optional.ofNullable(em.find(SecondFactor.class, username,
                LockModeType.PESSIMISTIC_WRITE)).filter(SecondFactor::isConfirmed).orElseThrow(() ->
                new SignInRefusedException("The second factor is not on."));
        requireCode(factor, code);
        em.remove(factor);
    }

    private void requireCode(SecondFactor factor, String code) {
        long step = OneTimePasswords.matchingStep(secrets.open(factor), code == null ? null : code.strip(),
                Instant.now());
        if (step < 0 || !factor.useStep(step)) {
            throw new SignInRefusedException("The code is not correct or was already used: enter the current "
                    + "6-digit code your authenticator app shows (check that the phone's clock is right).");
        }
    }

    private static SecondFactorEnrolment enrolmentOf(String username, byte[] secret) {
        String base32 = OneTimePasswords.base32(secret);
        String issuer = MedLedgerSettings.hospitalName();
        // Key URI format: "issuer:account" with a literal colon, each part encoded on its own.
        String label = encoded(issuer) + ":" + encoded(username);
        return new SecondFactorEnrolment(base32, "otpauth://totp/" + label + "?secret=" + base32 + "&issuer="
                + encoded(issuer)
                + "&algorithm=SHA1&digits=" + OneTimePasswords.DIGITS + "&period=" + OneTimePasswords.STEP_SECONDS);
    }

    private static String encoded(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private Optional<WalletLink> linkOf(String username) {
        List<WalletLink> links = em.createQuery("SELECT w FROM WalletLink w WHERE w.username = :username",
                WalletLink.class).setParameter("username", username).getResultList();
        return links.stream().findFirst();
    }

    private UserAccount patient(String username) {
        UserAccount account = username == null ? null : em.find(UserAccount.class, username);
        if (account == null || account.getRole() != Role.PATIENT) {
            throw new PortalAccessDeniedException("Wallet sign-in is for patient accounts");
        }
        return account;
    }

    private UserAccount staff(String username) {
        UserAccount account = username == null ? null : em.find(UserAccount.class, username);
        if (account == null || account.getRole() == Role.PATIENT) {
            throw new PortalAccessDeniedException("The second factor is for staff accounts");
        }
        return account;
    }
}
