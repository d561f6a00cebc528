package org.medledger.application.signin;

import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import org.bouncycastle.crypto.generators.OpenBSDBCrypt;
import org.medledger.application.AuditEvents;
import org.medledger.application.AuthenticatedUser;
import org.medledger.application.RecordService;
import org.medledger.application.SecondFactorSecrets;
import org.medledger.domain.model.identity.Role;
import org.medledger.domain.model.identity.SecondFactor;
import org.medledger.domain.model.identity.SignInChallenge;
import org.medledger.domain.model.identity.SignInChallenge.Purpose;
import org.medledger.domain.model.identity.SignInWithEthereumMessage;
import org.medledger.domain.model.identity.UserAccount;
import org.medledger.domain.model.identity.WalletLink;
import org.medledger.infrastructure.config.MedLedgerSettings;
import org.medledger.infrastructure.crypto.OneTimePasswords;

@Stateless
@TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
public class SignInServiceBean implements SignInService {

    static final String PASSWORD_REFUSED =
            "Sign-in failed: the username or password is not correct, or the account is locked.";
    static final String CODE_REFUSED = "Sign-in failed: the code is not correct or was already used, or the account "
            + "is locked. Enter the current 6-digit code from your authenticator app.";
    /** Checked against when the user does not exist, so both paths cost one bcrypt. */
    private static final String DUMMY_HASH = OpenBSDBCrypt.generate("not-a-password".toCharArray(), new byte[16], 12);
    private static final Duration CODE_STEP_LIFETIME = Duration.ofMinutes(5);
    private static final Duration TICKET_LIFETIME = Duration.ofMinutes(1);

    @PersistenceContext(unitName = "medledger")
    private EntityManager em;

    @EJB
    private SignInChallenges challenges;

    @EJB
    private WalletMessages walletMessages;

    @EJB
    private RecordService records;

    @Inject
    private SecondFactorSecrets secrets;

    @Override
    public PasswordStep checkPassword(String username, char[] password) {
        if (username == null || password == null || username.isBlank() || username.length() > 64) {
            throw new SignInRefusedException(PASSWORD_REFUSED);
        }
        UserAccount account = em.find(UserAccount.class, username.strip(), LockModeType.PESSIMISTIC_WRITE);
        if (account == null) {
            OpenBSDBCrypt.checkPassword(DUMMY_HASH, password);
            throw refused("password", null, null, "unknown user", PASSWORD_REFUSED);
        }
        Instant now = Instant.now();
        if (account.isLockedAt(now)) {
            throw refused("password", account.getUsername(), null, "account locked", PASSWORD_REFUSED);
        }
        if (!OpenBSDBCrypt.checkPassword(account.getPasswordHash(), password)) {
            recordFailure(account, now);
            throw refused("password", account.getUsername(), null, "wrong password", PASSWORD_REFUSED);
        }
        SecondFactor factor = em.find(SecondFactor.class, account.getUsername());
        if (factor != null && factor.isConfirmed()) {
            // The failure count is reset only once the code is right: a known password buys no extra code guesses.
            String pending = challenges.newToken();
            challenges.remember(pending, Purpose.SECOND_FACTOR, account.getUsername(), null,
                    now.plus(CODE_STEP_LIFETIME));
            return new PasswordStep(true, pending);
        }
        account.recordSuccessfulLogin();
        audit("password", true, account.getUsername(), null, null);
        return new PasswordStep(false, ticketFor(account.getUsername(), now));
    }

    @Override
    public String checkCode(String pendingToken, String code) {
        Instant now = Instant.now();
        SignInChallenge pending = challenges.find(pendingToken, Purpose.SECOND_FACTOR)
                .filter(c -> !c.isUsed() && !c.isExpiredAt(now))
                .orElseThrow(() -> new SignInRefusedException(
                        "The sign-in has expired. Enter your username and password again.", true));
        UserAccount account = em.find(UserAccount.class, pending.getUsername(), LockModeType.PESSIMISTIC_WRITE);
        SecondFactor factor = em.find(SecondFactor.class, pending.getUsername(), LockModeType.PESSIMISTIC_WRITE);
        if (account == null || factor == null || account.isLockedAt(now)) {
            pending.use(now);
            throw refused("second factor", pending.getUsername(), null, "account locked", CODE_REFUSED);
        }
        long step = OneTimePasswords.matchingStep(secrets.open(factor), code == null ? null : code.strip(), now);
        if (step < 0 || !factor.useStep(step)) {
            recordFailure(account, now);
            if (account.isLockedAt(now)) {
                pending.use(now);
            }
            throw refused("second factor", account.getUsername(), null,
                    step < 0 ? "wrong code" : "code already used", CODE_REFUSED);
        }
        pending.use(now);
        account.recordSuccessfulLogin();
        audit("password and second factor", true, account.getUsername(), null, null);
        return ticketFor(account.getUsername(), now);
    }

    @Override
    public String walletMessage(String address, String domain, String uri) {
        return walletMessages.issue(Purpose.WALLET_SIGN_IN, null, address, domain, uri);
    }

    @Override
    public String signInWithWallet(String message, String signature, String domain) {
        String claimed = SignInWithEthereumMessage.parse(message).map(m -> m.address().toLowerCase()).orElse(null);
        try {
            String address = walletMessages.accept(Purpose.WALLET_SIGN_IN, message, signature, domain).address();
            WalletLink link = em.find(WalletLink.class, address);
            if (link == null) {
                throw new SignInRefusedException("This wallet is not linked to a patient account here. Sign in with "
                        + "your password once and link the wallet on your profile page.");
            }
            Instant now = Instant.now();
            UserAccount account = em.find(UserAccount.class, link.getUsername());
            if (account == null || account.getRole() != Role.PATIENT || account.isLockedAt(now)) {
                throw new SignInRefusedException("The account this wallet is linked to cannot sign in now.");
            }
            audit("wallet", true, account.getUsername(), address, null);
            return ticketFor(account.getUsername(), now);
        } catch (SignInRefusedException e) {
            audit("wallet", false, null, claimed, e.getMessage());
            throw e;
        }
    }

    @Override
    public Optional<AuthenticatedUser> redeem(String ticket) {
        Instant now = Instant.now();
        return challenges.find(ticket, Purpose.TICKET).filter(c -> !c.isUsed() && !c.isExpiredAt(now))
                .map(c -> {
                    c.use(now);
                    return em.find(UserAccount.class, c.getUsername());
                })
                .map(account -> new AuthenticatedUser(account.getUsername(), account.getRole(),
                        account.getDisplayName(), account.getFhirReference()));
    }

    private String ticketFor(String username, Instant now) {
        String ticket = challenges.newToken();
        challenges.remember(ticket, Purpose.TICKET, username, null, now.plus(TICKET_LIFETIME));
        return ticket;
    }

    private static void recordFailure(UserAccount account, Instant now) {
        account.recordFailedLogin(now, (int) MedLedgerSettings.longValue("medledger.login.max-failures", 5),
                Duration.ofMinutes(MedLedgerSettings.longValue("medledger.login.lock-minutes", 15)));
    }

    private SignInRefusedException refused(String method, String username, String address, String reason,
                                           String message) {
        audit(method, false, username, address, reason);
        return new SignInRefusedException(message);
    }

    private void audit(String method, boolean succeeded, String username, String address, String reason) {
        records.create("AuditEvent", AuditEvents.portalSignIn(method, succeeded, username, address, reason,
                Instant.now().truncatedTo(ChronoUnit.SECONDS)));
    }
}
