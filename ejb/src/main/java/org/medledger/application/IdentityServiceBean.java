package org.medledger.application;

import jakarta.ejb.Stateless;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.security.SecureRandom;
import java.time.Instant;
import org.bouncycastle.crypto.generators.OpenBSDBCrypt;
import org.medledger.domain.model.identity.Role;
import org.medledger.domain.model.identity.UserAccount;

@Stateless
public class IdentityServiceBean implements IdentityService {

    private static final int BCRYPT_COST = 12;
    private static final SecureRandom RANDOM = new SecureRandom();

    @PersistenceContext(unitName = "medledger")
    private EntityManager em;

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
