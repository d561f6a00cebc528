package org.medledger.application;

import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.bouncycastle.crypto.generators.OpenBSDBCrypt;
import org.medledger.domain.model.identity.Role;
import org.medledger.domain.model.identity.UserAccount;
import org.medledger.infrastructure.config.MedLedgerSettings;

@Stateless
public class IdentityServiceBean implements IdentityService {

    private static final int BCRYPT_COST = 12;
    private static final SecureRandom RANDOM = new SecureRandom();
    /** Checked against when the user does not exist, so both paths cost one bcrypt. */
    private static final String DUMMY_HASH = OpenBSDBCrypt.generate("not-a-password".toCharArray(), new byte[16], BCRYPT_COST);

    @PersistenceContext(unitName = "medledger")
    private EntityManager em;

    @Override
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public Optional<AuthenticatedUser> authenticate(String username, char[] password) {
        if (username == null || password == null || username.length() > 64) {
            return Optional.empty();
        }
        UserAccount account = em.find(UserAccount.class, username.strip(), LockModeType.PESSIMISTIC_WRITE);
        if (account == null) {
            OpenBSDBCrypt.checkPassword(DUMMY_HASH, password);
            return Optional.empty();
        }
        Instant now = Instant.now();
        if (account.isLockedAt(now)) {
            return Optional.empty();
        }
        if (!OpenBSDBCrypt.checkPassword(account.getPasswordHash(), password)) {
            account.recordFailedLogin(now, (int) MedLedgerSettings.longValue("medledger.login.max-failures", 5),
                    Duration.ofMinutes(MedLedgerSettings.longValue("medledger.login.lock-minutes", 15)));
            return Optional.empty();
        }
        account.recordSuccessfulLogin();
        return Optional.of(new AuthenticatedUser(account.getUsername(), account.getRole(),
                account.getDisplayName(), account.getFhirReference()));
    }

    @Override
    public void createAccount(String username, String password, Role role, String displayName,
                              String fhirReference) {
        PasswordPolicy.check(password);
        if (em.find(UserAccount.class, username) != null) {
            throw new InvalidRecordException("The username is already taken");
        }
        byte[] salt = new byte[16];
        RANDOM.nextBytes(salt);
        String hash = OpenBSDBCrypt.generate(password.toCharArray(), salt, BCRYPT_COST);
        em.persist(new UserAccount(username, hash, role, displayName, fhirReference, Instant.now()));
    }

    @Override
    public long countAccounts() {
        return em.createQuery("SELECT COUNT(u) FROM UserAccount u", Long.class).getSingleResult();
    }
}
